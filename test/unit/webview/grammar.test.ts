// The TextMate grammar must colour each instruction by the class the ISA gives it, and the
// manifest must contribute it (and its Markdown injection) the way VS Code expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNEMONIC_SPECS } from '../../../src/core/sim/isa';

const root = join(__dirname, '..', '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const grammar = json('syntaxes/vmasm.tmLanguage.json');

const SCOPE_OF_CLASS: Record<string, string> = {
  innocuous: 'keyword.other.instruction.innocuous.vmasm',
  privileged: 'keyword.control.privileged.vmasm',
  'sensitive-unprivileged': 'support.function.sensitive.vmasm',
  special: 'support.class.special.vmasm',
};

/** Oniguruma → JavaScript: `(?i)`/`(?i:` become the `i` flag, `\G` (line start here) becomes `^`. */
function regex(source: string): RegExp {
  const insensitive = source.startsWith('(?i)') || source.includes('(?i:');
  const js = source.replace(/^\(\?i\)/, '').replace(/\(\?i:/g, '(?:').replace(/\\G/g, '^');
  return new RegExp(js, insensitive ? 'i' : '');
}

/** The scope the grammar gives the first word of `line` (statement and system-form rules). */
function headScope(line: string): string | undefined {
  const rules = [...grammar.repository['system-form'].patterns, grammar.repository.statement];
  for (const rule of rules) {
    const m = regex(rule.match).exec(line);
    if (!m) continue;
    for (const [group, capture] of Object.entries(rule.captures as Record<string, { name: string }>)) {
      if (Number(group) >= 3 && m[Number(group)] !== undefined) return capture.name;
    }
  }
  return undefined;
}

test('every mnemonic and alias of the ISA gets the scope of its class', () => {
  for (const spec of MNEMONIC_SPECS) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      const expected = SCOPE_OF_CLASS[spec.cls];
      assert.equal(headScope(`    ${name} r0`), expected, name);
      assert.equal(headScope(`loop: ${name.toUpperCase()}`), expected, `${name} after a label, upper case`);
    }
  }
});

test('operands decide the class of mov and push', () => {
  assert.equal(headScope('  mov r1, cs'), SCOPE_OF_CLASS['sensitive-unprivileged']);
  assert.equal(headScope('  push cs ; reveals CPL'), SCOPE_OF_CLASS['sensitive-unprivileged']);
  assert.equal(headScope('  mov cr3, r0'), SCOPE_OF_CLASS.privileged);
  assert.equal(headScope('  mov r0, cr0'), SCOPE_OF_CLASS.privileged);
  assert.equal(headScope('  mov r0, [csr]'), SCOPE_OF_CLASS.innocuous);
  assert.equal(headScope('  mov r0, r1'), SCOPE_OF_CLASS.innocuous);
});

test('labels, directives and unknown words', () => {
  assert.equal(headScope('  .asciz "hi"'), 'storage.modifier.directive.vmasm');
  assert.equal(headScope('  frobnicate r0'), 'meta.mnemonic.unknown.vmasm');
  assert.equal(headScope('  into r0'), 'meta.mnemonic.unknown.vmasm', '`in` is not matched inside a longer word');
  const m = regex(grammar.repository.statement.match).exec('_start.1: nop');
  assert.equal(m?.[1], '_start.1');
});

test('registers, numbers and comments', () => {
  const reg = grammar.repository.register.patterns.map((p: { match: string }) => regex(p.match));
  for (const r of ['r0', 'R7', 'sp', 'cs', 'cr3']) assert.ok(reg.some((x: RegExp) => x.test(` ${r},`)), r);
  assert.ok(!reg.some((x: RegExp) => x.test(' r8 ')), 'r8 is not a register');
  const num = grammar.repository.number.patterns.map((p: { match: string }) => regex(p.match));
  for (const n of ['42', '-1', '0x2A', '0b101']) assert.ok(num.some((x: RegExp) => x.exec(n)?.[0] === n), n);
  const comments = grammar.repository.comment.patterns.map((p: { match: string }) => regex(p.match));
  assert.ok(comments[0].test('; x') && comments[1].test('# x'));
});

test('the manifest contributes the language, its grammar and the Markdown injection', () => {
  const manifest = json('package.json');
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'vmasm');
  assert.deepEqual(language.extensions, ['.vmasm']);
  assert.ok(json(language.configuration.replace('./', '')).comments.lineComment);
  const grammars = manifest.contributes.grammars;
  const main = grammars.find((g: { language?: string }) => g.language === 'vmasm');
  assert.equal(main.scopeName, grammar.scopeName);
  const injection = grammars.find((g: { injectTo?: string[] }) => g.injectTo?.includes('text.html.markdown'));
  const injected = json(injection.path.replace('./', ''));
  assert.equal(injection.scopeName, injected.scopeName);
  assert.equal(injected.injectionSelector, 'L:text.html.markdown');
  assert.equal(injection.embeddedLanguages['meta.embedded.block.vmasm'], 'vmasm');
  const block = injected.repository['vmasm-code-block'];
  const begin = regex(block.begin);
  assert.ok(begin.test('```vmasm'));
  assert.ok(begin.test('  ~~~ VMASM {title="x"}'));
  assert.ok(!begin.test('```vmasmx'));
  assert.equal(block.patterns[0].contentName, 'meta.embedded.block.vmasm');
  assert.deepEqual(block.patterns[0].patterns, [{ include: 'source.vmasm' }]);
  assert.ok(manifest.activationEvents.includes('onLanguage:vmasm'));
  assert.ok(manifest.activationEvents.includes('onWebviewPanel:kvmLab.simulator'));
});
