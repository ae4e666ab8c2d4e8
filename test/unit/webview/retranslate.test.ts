// The panel follows the kvmLab.language setting even when VS Code's display language differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translatorFor } from '../../../src/extension/simulator/retranslate';

const bundle = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));

test('Chinese chosen on an English VS Code: texts come from our bundle, placeholders kept', () => {
  const zh = translatorFor('zh-cn', bundle);
  assert.equal(zh.t('Run'), '运行');
  assert.equal(zh.t('{0} instructions/s'), '{0} 条指令/秒');
  assert.equal(zh.t('not in the bundle'), 'not in the bundle');
});

test('English chosen on a Chinese VS Code: the source texts, even where Chinese words coincide', () => {
  const en = translatorFor('en', bundle);
  // "Register" and "Registers" are both 寄存器 in Chinese; English keeps them apart.
  assert.equal(en.t('Register'), 'Register');
  assert.equal(en.t('Registers'), 'Registers');
});
