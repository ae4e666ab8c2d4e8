import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers';
import { seedNote } from '../notes/helpers';

/** `kvm-lab ARGV` in-process over an in-memory file system (see ./helpers). */
async function kvmLab(argv: string[], files: Record<string, string | Uint8Array | Error>) {
  const { code, stdout, stderr } = await runCli(argv, files);
  return { code, out: stdout, err: stderr };
}

const note = '# 虚拟化\n\n- 全虚拟化\n  - VMware\n- 半虚拟化\n';

test('the text tree: one node per line, its source line first, indented by depth, its glossary terms last', async () => {
  const { code, out, err } = await kvmLab(['outline', 'n.md'], { 'n.md': note });
  assert.equal(code, 0, err);
  assert.equal(
    out,
    [
      'L1  # 虚拟化  [virtualization]',
      'L3    - 全虚拟化  [full-virtualization]',
      'L4      - VMware  [vmware]',
      'L5    - 半虚拟化  [paravirtualization]',
      '',
    ].join('\n'),
  );
});

test('--json gives exactly {label, kind, line, terms, children} per node', async () => {
  const { code, out } = await kvmLab(['outline', 'n.md', '--json'], { 'n.md': note });
  assert.equal(code, 0);
  const roots = JSON.parse(out);
  assert.deepEqual(Object.keys(roots[0]), ['label', 'kind', 'line', 'terms', 'children']);
  assert.deepEqual(roots[0].children[0].children[0], { label: 'VMware', kind: 'item', line: 4, terms: ['vmware'], children: [] });
});

test('the seed note: front matter gives the title, not nodes', async () => {
  const { code, out } = await kvmLab(['outline', 'seed.md'], { 'seed.md': seedNote() });
  assert.equal(code, 0);
  assert.match(out, /^title: 学习KVM\n/);
  assert.doesNotMatch(out, /^L\d+\s+- (title|tags|date)/m);
});

test('wrong input: one clear line on stderr and exit 1, never a stack trace', async () => {
  const cases: [string, string | Uint8Array | Error | undefined, RegExp][] = [
    ['missing.md', undefined, /missing\.md: no such file/],
    ['dir', Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), /dir: is a directory/],
    ['secret.md', Object.assign(new Error('EACCES'), { code: 'EACCES' }), /secret\.md: permission denied/],
    ['image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), /image\.png: .*binary/],
    ['latin1.md', new Uint8Array([0x23, 0x20, 0xe9, 0x74, 0xe9]), /latin1\.md: is not valid UTF-8/],
  ];
  for (const [path, content, message] of cases) {
    const files = content === undefined ? {} : { [path]: content };
    const { code, out, err } = await kvmLab(['outline', path], files);
    assert.equal(code, 1, path);
    assert.equal(out, '');
    assert.match(err, message);
    assert.equal(err.trim().split('\n').length, 1, `one line for ${path}: ${err}`);
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  }
});

test('usage mistakes exit 2', async () => {
  assert.equal((await kvmLab(['outline'], {})).code, 2);
  assert.equal((await kvmLab(['outline', 'a.md', 'b.md'], {})).code, 2);
  assert.equal((await kvmLab(['outline', 'n.md', '--yaml'], { 'n.md': note })).code, 2);
  assert.equal((await kvmLab(['no-such-command'], {})).code, 2);
});
