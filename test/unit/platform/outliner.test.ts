// The web worker host's outliner: on its own thread, so bounded; over the bound a message, never a stall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedOutliner, SYNC_MAX_CHARS } from '../../../src/extension/platform/outliner';
import { outlineNote } from '../../../src/core/notes/index';

const job = (text: string, findTerms?: (label: string) => string[]) => ({ key: 'note.md', text, language: 'en' as const, findTerms });

test('a note within the bound gets the same outline as the core gives', async () => {
  const text = '# Virtualization\n\n## Full virtualization\n\n- Trap and emulate\n- Binary translation\n';
  const findTerms = (label: string) => (/trap/i.test(label) ? ['trap-and-emulate'] : []);
  const outline = await boundedOutliner().outline(job(text, findTerms));
  assert.deepEqual(outline, outlineNote(text, { language: 'en', findTerms }));
  assert.equal(outline?.nodeCount, 4);
});

test('a note over the bound gets no tree and the "too large" warning, in the note language asked', async () => {
  const text = `# Big\n${'x'.repeat(SYNC_MAX_CHARS)}`;
  const en = await boundedOutliner().outline(job(text));
  assert.equal(en?.nodeCount, 0);
  assert.equal(en?.warnings.length, 1);
  const zh = await boundedOutliner().outline({ ...job(text), language: 'zh-cn' });
  assert.notEqual(zh?.warnings[0], en?.warnings[0], 'the warning follows the language');
  // A larger bound (the Node host's) outlines the same note.
  assert.equal((await boundedOutliner(SYNC_MAX_CHARS * 2).outline(job(text)))?.nodeCount, 1);
});

test('a glossary lookup that throws becomes the tree\'s message, not a rejected promise', async () => {
  const outline = await boundedOutliner().outline(job('# Hypervisor\n', () => {
    throw new Error('glossary unavailable');
  }));
  assert.deepEqual(outline, { roots: [], nodeCount: 0, warnings: ['glossary unavailable'] });
});
