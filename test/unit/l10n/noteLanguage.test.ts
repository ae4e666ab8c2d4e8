import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectNoteLanguage, SAMPLE_CHARS } from '../../../src/extension/noteLanguage';

const root = join(__dirname, '..', '..', '..');

test('the built-in notes are recognised in their own language', () => {
  assert.equal(detectNoteLanguage(readFileSync(join(root, 'notes/builtin/study-note.en.md'), 'utf8')), 'en');
  assert.equal(detectNoteLanguage(readFileSync(join(root, 'notes/builtin/study-note.zh-cn.md'), 'utf8')), 'zh-cn');
});

test('a Chinese note full of English names is still Chinese', () => {
  const note = '# 虚拟化笔记\n\n- KVM 是 Linux 内核中的模块，借助 Intel VT-x 或 AMD-V 运行客户机\n- QEMU 在用户态模拟设备，VM exit 之后由 KVM_RUN 返回\n';
  assert.equal(detectNoteLanguage(note), 'zh-cn');
});

test('an English note naming a few Chinese terms is English', () => {
  const note = '# Notes\n\nParavirtualization (半虚拟化) changes the guest kernel so that it calls the hypervisor instead of trapping.\n';
  assert.equal(detectNoteLanguage(note), 'en');
});

test('a note with no words says nothing, and a long note is judged by its beginning', () => {
  assert.equal(detectNoteLanguage(''), undefined);
  assert.equal(detectNoteLanguage('---\n123 456\n- - -\n'), undefined);
  const long = '中文笔记，'.repeat(SAMPLE_CHARS / 5) + ' English words only here '.repeat(10_000);
  assert.equal(detectNoteLanguage(long), 'zh-cn');
});
