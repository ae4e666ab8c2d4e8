import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GLOSSARY } from '../../../src/core/glossary/index';
import { termPickItems } from '../../../src/extension/glossary/pickItems';

test('one item per entry, named in the learner language, the other language as description', () => {
  const en = termPickItems(GLOSSARY, 'en');
  assert.equal(en.length, GLOSSARY.length);
  assert.deepEqual(new Set(en.map((item) => item.entryId)).size, GLOSSARY.length);
  const hypervisor = en.find((item) => item.entryId === 'hypervisor');
  assert.equal(hypervisor?.label, 'Hypervisor');
  assert.equal(hypervisor?.description, '虚拟机监控器');
  const zh = termPickItems(GLOSSARY, 'zh-cn').find((item) => item.entryId === 'hypervisor');
  assert.equal(zh?.label, '虚拟机监控器');
  assert.equal(zh?.description, 'Hypervisor');
});

test('aliases in both languages are in the detail, where the quick pick matches them', () => {
  const items = termPickItems(GLOSSARY, 'en');
  const find = (alias: string) => items.filter((item) => item.detail.split(' · ').includes(alias)).map((item) => item.entryId);
  assert.deepEqual(find('VMM'), ['hypervisor']);
  assert.deepEqual(find('虚拟机监视器'), ['hypervisor']);
  assert.deepEqual(find('管理程序'), ['hypervisor']);
});
