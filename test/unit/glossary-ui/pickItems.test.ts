import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GLOSSARY } from '../../../src/core/glossary/index';
import { termPickItems } from '../../../src/extension/glossary/pickItems';

test('one term item per entry, named in the learner language, the other language as description', () => {
  const { terms } = termPickItems(GLOSSARY, 'en');
  assert.equal(terms.length, GLOSSARY.length);
  assert.equal(new Set(terms.map((item) => item.entryId)).size, GLOSSARY.length);
  const hypervisor = terms.find((item) => item.entryId === 'hypervisor');
  assert.equal(hypervisor?.label, 'Hypervisor');
  assert.equal(hypervisor?.description, '虚拟机监控器');
  assert.ok(hypervisor?.detail?.split(' · ').includes('虚拟机监视器'), 'aliases are in the detail');
  const zh = termPickItems(GLOSSARY, 'zh-cn').terms.find((item) => item.entryId === 'hypervisor');
  assert.equal(zh?.label, '虚拟机监控器');
  assert.equal(zh?.description, 'Hypervisor');
});

test('every alias and the other language name is an item of its own, labelled with it', () => {
  const { otherNames } = termPickItems(GLOSSARY, 'en');
  const byLabel = (label: string) => otherNames.filter((item) => item.label === label).map((item) => [item.entryId, item.description]);
  // Labelled, so that the quick pick ranks "VMM" itself above names that merely contain V, M, M.
  assert.deepEqual(byLabel('VMM'), [['hypervisor', 'Hypervisor']]);
  assert.deepEqual(byLabel('虚拟机监视器'), [['hypervisor', 'Hypervisor']]);
  assert.deepEqual(byLabel('虚拟机监控器'), [['hypervisor', 'Hypervisor']]);
  for (const entry of GLOSSARY) {
    const labels = otherNames.filter((item) => item.entryId === entry.id).map((item) => item.label.toLowerCase());
    assert.equal(new Set(labels).size, labels.length, `${entry.id} lists a name twice`);
    assert.ok(!labels.includes(entry.names.en.toLowerCase()), `${entry.id} repeats its own name`);
    for (const alias of entry.aliases) {
      assert.ok(labels.includes(alias.toLowerCase()) || alias.toLowerCase() === entry.names.en.toLowerCase(), `${entry.id}: ${alias}`);
    }
  }
});
