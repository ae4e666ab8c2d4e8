// The grammar and its Markdown injection tokenized by VS Code's own TextMate engine, with VS
// Code's own Markdown grammar (both taken from the test rig's code-server; skipped without it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const vscodeDir = join(root, '.vscode-test', 'rig', 'cs', 'node_modules', 'code-server', 'lib', 'vscode');
const available = existsSync(join(vscodeDir, 'node_modules', 'vscode-textmate')) && existsSync(join(vscodeDir, 'node_modules', 'vscode-oniguruma'));
const skip = available ? false : 'the test rig (code-server) is not set up: npm run test:integration sets it up';

type Token = { text: string; scopes: string[] };

async function tokenizer(): Promise<(scope: string, text: string) => Promise<Token[]>> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const textmate = require(join(vscodeDir, 'node_modules', 'vscode-textmate'));
  const onig = require(join(vscodeDir, 'node_modules', 'vscode-oniguruma'));
  const wasm = readFileSync(join(vscodeDir, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const files: Record<string, string> = {
    'text.html.markdown': join(vscodeDir, 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json'),
  };
  for (const g of manifest.contributes.grammars) if (g.scopeName.includes('vmasm')) files[g.scopeName] = join(root, g.path);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope: string) => (files[scope] ? textmate.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope: string) =>
      manifest.contributes.grammars.filter((g: { injectTo?: string[] }) => g.injectTo?.includes(scope)).map((g: { scopeName: string }) => g.scopeName),
  });
  return async (scope, text) => {
    const grammar = await registry.loadGrammar(scope);
    let state = textmate.INITIAL;
    const tokens: Token[] = [];
    for (const line of text.split('\n')) {
      const r = grammar.tokenizeLine(line, state);
      for (const t of r.tokens) tokens.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
      state = r.ruleStack;
    }
    return tokens;
  };
}

const scopesOf = (tokens: Token[], text: string) => tokens.filter((t) => t.text.trim() === text).map((t) => t.scopes.join(' '));

test('a .vmasm file: each class of instruction has its own scope', { skip }, async () => {
  const tokenize = await tokenizer();
  const tokens = await tokenize('source.vmasm', 'start: pushf ; x\n  cli\n  mov r1, cs\n  add r0, 0x10\n  .asciz "a;b"');
  assert.match(scopesOf(tokens, 'pushf')[0]!, /support\.function\.sensitive\.vmasm/);
  assert.match(scopesOf(tokens, 'cli')[0]!, /keyword\.control\.privileged\.vmasm/);
  assert.match(scopesOf(tokens, 'mov')[0]!, /support\.function\.sensitive\.vmasm/);
  assert.match(scopesOf(tokens, 'add')[0]!, /keyword\.other\.instruction\.innocuous\.vmasm/);
  assert.match(scopesOf(tokens, 'start')[0]!, /entity\.name\.function\.label\.vmasm/);
  assert.match(scopesOf(tokens, '0x10')[0]!, /constant\.numeric\.hex\.vmasm/);
  assert.ok(scopesOf(tokens, 'r0').every((t) => t.includes('variable.other.register.vmasm')), 'operands are not taken for mnemonics');
  assert.ok(tokens.some((t) => t.text.includes('a;b') && t.scopes.some((s) => s.startsWith('string.quoted'))), 'a ; inside a string is not a comment');
});

test('Markdown: ```vmasm blocks are coloured as vmasm, at top level and in list items; other blocks are not', { skip }, async () => {
  const tokenize = await tokenizer();
  const note = '# Note\n\n```vmasm\n_start: cli\n    hlt\n```\n\n- item\n\n  ```vmasm\n  sti\n  ```\n\n```js\nhlt();\n```\n\nhlt in prose\n';
  const tokens = await tokenize('text.html.markdown', note);
  assert.match(scopesOf(tokens, 'cli')[0]!, /meta\.embedded\.block\.vmasm.*keyword\.control\.privileged\.vmasm/);
  assert.equal(scopesOf(tokens, 'hlt').filter((s) => s.includes('keyword.control.privileged.vmasm')).length, 1, 'only the hlt in the vmasm block');
  assert.match(scopesOf(tokens, 'sti')[0] ?? '', /keyword\.control\.privileged\.vmasm/);
  assert.ok(tokens.filter((t) => t.text.includes('hlt()')).every((t) => !t.scopes.join(' ').includes('vmasm')));
});
