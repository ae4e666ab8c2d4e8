// Labels and text in messages are the learner's real text: an accented or emoji label is named
// whole, never as UTF-16 halves ('\xd83d') nor by its first odd letter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers';

test('text: an emoji label is reported by its real text', async () => {
  const { code, stderr } = await runCli(['check', 'p.vmasm'], { 'p.vmasm': '_start:\n🚀:\n    jmp 🚀\n    hlt\n' });
  assert.equal(code, 1);
  assert.doesNotMatch(stderr, /\\xd8|\\xde/);
  assert.match(stderr, /2:1: error: invalid label '🚀'/);
  assert.match(stderr, /3:9: error: invalid name '🚀'/);
});

test('text: an accented label is reported whole, not by its first odd letter', async () => {
  const { code, stderr } = await runCli(['check', 'p.vmasm'], { 'p.vmasm': '_start:\n    jmp café\n    hlt\n' });
  assert.equal(code, 1);
  assert.match(stderr, /'café'/);
});

test('text: the CLI itself passes the learner\'s text through unchanged (term, note label)', async () => {
  const unknown = await runCli(['explain', 'café🚀']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /unknown term 'café🚀'/);
  const outline = await runCli(['outline', 'n.md'], { 'n.md': '# Café 🚀 KVM\n- naïve VMM 😀\n' });
  assert.equal(outline.code, 0, outline.stderr);
  assert.match(outline.stdout, /# Café 🚀 KVM/);
  assert.match(outline.stdout, /- naïve VMM 😀/);
});
