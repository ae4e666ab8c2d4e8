// The taxonomy's outline off the extension host's thread: same result as in-thread, one job per note
// at a time with stale ones dropped, and a bounded in-thread path when no worker can run.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { termIdsInText } from '../../../src/core/glossary/index';
import { outlineNote, outlineWarningText } from '../../../src/core/notes/index';
import { OutlineRunner, SYNC_MAX_CHARS } from '../../../src/extension/taxonomy/outlineRunner';

const scratch = mkdtempSync(join(tmpdir(), 'kvm-lab-worker-'));
/**
 * The worker's TypeScript source (the extension loads the bundle): a worker inherits this process's
 * `--import tsx`, which compiles what it `require`s, but not its entry file, hence a .js entry.
 */
const WORKER = join(scratch, 'outlineWorker.js');
writeFileSync(WORKER, `require(${JSON.stringify(join(__dirname, '../../../src/extension/taxonomy/outlineWorker.ts'))});\n`);
const withWorker = () => new OutlineRunner(WORKER);

const note = '# Hypervisor\n\n- VMM\n  - EPT and VT-x\n\n## QEMU\n\n1. device model\n';
const big = `# Big\n\n${'- item about the hypervisor\n'.repeat(Math.ceil((SYNC_MAX_CHARS + 1000) / 27))}`;
const runners: OutlineRunner[] = [];
after(() => {
  runners.forEach((r) => r.dispose());
  rmSync(scratch, { recursive: true, force: true });
});

test('the worker gives the same outline as the core, glossary terms included', async () => {
  const runner = withWorker();
  runners.push(runner);
  const outline = await runner.outline({ key: 'a', text: note, language: 'en', findTerms: termIdsInText });
  assert.ok(runner.usesWorker);
  assert.deepEqual(outline, outlineNote(note, { findTerms: termIdsInText }));
  const bigOutline = await runner.outline({ key: 'big', text: big, language: 'en' });
  assert.deepEqual(bigOutline?.warnings, [], 'a worker outlines notes beyond the in-thread bound');
  assert.ok(bigOutline!.nodeCount > 10_000);
});

test('one job per note at a time: a newer waiting job replaces an older one, which resolves undefined', async () => {
  const runner = withWorker();
  runners.push(runner);
  const texts = ['# one\n', '# two\n', '# three\n'];
  const results = await Promise.all([
    ...texts.map((text) => runner.outline({ key: 'note', text, language: 'en' })),
    runner.outline({ key: 'other', text: '# other\n', language: 'en' }),
  ]);
  assert.deepEqual(
    results.map((outline) => outline?.roots[0]?.label),
    ['one', undefined, 'three', 'other'],
  );
});

test('without a worker the outline runs in-thread, bounded: a larger note is refused with the warning', async () => {
  const runner = new OutlineRunner(undefined);
  const small = await runner.outline({ key: 'a', text: note, language: 'zh-cn' });
  assert.equal(runner.usesWorker, false);
  assert.deepEqual(small, outlineNote(note, { language: 'zh-cn' }));
  const refused = await runner.outline({ key: 'b', text: big, language: 'zh-cn' });
  assert.deepEqual(refused?.warnings, [outlineWarningText['too-large']['zh-cn']]);
});

test('a worker that dies falls back to the in-thread path, and is not restarted forever', async () => {
  const crashing = join(scratch, 'crash.js');
  writeFileSync(crashing, 'process.exit(3);\n');
  const runner = new OutlineRunner(crashing);
  runners.push(runner);
  for (let i = 0; i < 5; i++) {
    const outline = await runner.outline({ key: `k${i}`, text: note, language: 'en' });
    assert.equal(outline?.roots[0]?.label, 'Hypervisor');
  }
  assert.equal(runner.usesWorker, false);
});

test('after dispose, jobs resolve undefined instead of running', async () => {
  const runner = withWorker();
  runner.dispose();
  assert.equal(await runner.outline({ key: 'a', text: note, language: 'en' }), undefined);
});
