// Random and hostile guest programs through the assembler, its diagnostics' text and the editor's
// placement of them. Each property asserts that nothing fails inside (no "internal assembler
// error"), that bad input gets a diagnostic, and that the work stays within a linear bound counted
// in operations (lines splits, expression terms, suggestion steps), never in wall time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assembleCounted, diagnoseProgram, formatDiagnostics, MAX_DIAGNOSTICS } from '../../../src/core/sim/assembler';
import { newWork } from '../../../src/core/sim/lexer';
import { SUGGESTION_STEPS_BASE } from '../../../src/core/sim/suggestions';
import { diagnosticSpans } from '../../../src/extension/guestLanguage/statement';
import { fuzzParams } from './config';

const params = fuzzParams(150);

/** Expression terms looked at, per character of source (pass 1, resolution twice, pass 2). */
const TERMS_PER_CHAR = 2;
/** Suggestion steps per character of source. */
const STEPS_PER_CHAR = 8;
/**
 * Edit-distance cells of mnemonic and directive suggestions: at most one search per reported
 * line, over a fixed vocabulary of short words, so a constant however long the program.
 */
const VOCABULARY_CELLS = (MAX_DIAGNOSTICS + 1) * 4000;

const names = fc.constantFrom('a', 'b', 'loop', 'Loop', 'lop', '_start', 'data', 'x.y', '.L1', 'r9', 'eax', 'cr4', 'ds', 'zz');
const tokens = fc.oneof(
  fc.constantFrom(
    'mov', 'add', 'cmp', 'jmp', 'jnz', 'int', 'in', 'out', 'lidt', 'popf', 'vmcall', 'hlt', 'movv', 'popfd', 'r0', 'r7', 'sp', 'cs', 'cr0', 'cr3',
    '.equ', '.word', '.byte', '.ascii', '.asciz', '.space', '.align', '.org', '.wrod', ',', ', ', '[', ']', '+', '-', ':', ';', '#',
    "'", '"', '\\', '\\x', ' ', '\t', '\n', '\r\n', '\r', '0x', '0b', '0xFFFFFFFF', '4294967296', '-2147483649', '99999999999999999999',
    "'a'", '"text"', '\u0000', '\uFFFD', '\uD800', '🙂', '中',
  ),
  names,
  fc.string({ maxLength: 6 }),
);

/** A huge literal: decimal, hex or binary, sometimes past 32 bits. */
const hugeNumber = fc.oneof(
  fc.bigInt({ min: 0n, max: 1n << 80n }).map((n) => n.toString()),
  fc.bigInt({ min: 0n, max: 1n << 80n }).map((n) => `0x${n.toString(16)}`),
  fc.bigInt({ min: 0n, max: 1n << 40n }).map((n) => `0b${n.toString(2)}`),
);

/** Programs of random statements; anything may be wrong with them. */
const randomProgram = fc.array(tokens, { maxLength: 120 }).map((parts) => parts.join(' '));

/** `a+b-c...` chains of names and numbers, some unknown, in an instruction, `.word` or `.equ`. */
const deepChain = fc
  .tuple(fc.array(fc.oneof(names, hugeNumber, fc.nat().map(String)), { minLength: 1, maxLength: 4000 }), fc.constantFrom('mov r0, ', '.word ', '.equ K, ', 'mov r1, [r2+'))
  .map(([terms, head]) => `a: b: loop: hlt\n${head}${terms.map((t, i) => (i === 0 ? t : `${i % 3 ? '+' : '-'}${t}`)).join('')}${head.includes('[') ? ']' : ''}`);

/** Chains and cycles of `.equ`: `Ci` refers to `C(next[i])`; a few end in a label. */
const equGraph = fc.integer({ min: 1, max: 400 }).chain((n) =>
  fc.tuple(fc.constant(n), fc.array(fc.integer({ min: -1, max: n - 1 }), { minLength: n, maxLength: n }), fc.boolean()),
);

/** Binary and broken UTF-8, as when a file that is not a program is opened as one. */
const binaryText = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => new TextDecoder('utf-8').decode(bytes)),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => String.fromCharCode(...bytes)),
  fc.string({ unit: 'binary', maxLength: 500 }),
);

/** Very long lines: one token repeated thousands of times, with or without separators. */
const longLine = fc
  .tuple(fc.constantFrom('a', 'l:', 'a+', '@', '9', 'mov r0, 1 ', '[', ',', '"', "'", '\\', '\\\\a', 'x', '.equ ', 'zz+', ' '), fc.integer({ min: 1000, max: 40_000 }), fc.constantFrom('', 'mov r0, ', '.word ', '.ascii "'))
  .map(([unit, count, head]) => head + unit.repeat(count));

const hostile = fc.oneof(randomProgram, deepChain, binaryText, longLine, fc.array(fc.oneof(randomProgram, longLine), { maxLength: 4 }).map((p) => p.join('\n')));

/** Runs `source` through everything and checks what must hold for any input. */
function check(source: string) {
  const work = newWork();
  const result = assembleCounted(source, work);
  const n = source.length;
  const state = () => `${n} characters, work ${JSON.stringify(work)}`;
  for (const d of result.diagnostics) assert.doesNotMatch(d.message, /internal assembler error/, d.message);
  assert.equal(result.program === undefined, result.diagnostics.some((d) => d.severity === 'error'), 'a program exactly when there is no error');
  assert.ok(result.diagnostics.length <= MAX_DIAGNOSTICS + 1, 'diagnostics are capped');
  const lines = source.split(/\r\n|\r|\n/).length;
  for (const d of result.diagnostics) {
    assert.ok(d.line >= 1 && d.line <= lines && d.column >= 1, `position ${d.line}:${d.column} inside the ${lines} lines`);
    assert.ok(d.message.length > 0 && d.message.length < 1000, 'a message, short enough to read');
  }
  assert.deepEqual(diagnoseProgram(source), result.diagnostics, 'the editor gets the same diagnostics without the program');
  const text = formatDiagnostics(result.diagnostics, 'fuzz.vmasm');
  assert.equal(text === '' ? 0 : text.split('\n').length, result.diagnostics.length, 'one formatted line per diagnostic');
  const spans = diagnosticSpans(source, result.diagnostics);
  for (const s of spans) assert.ok(s.line >= 1 && s.column >= 1 && s.endColumn >= s.column, 'a span the editor can show');
  assert.equal(work.lineSplits, 1, state());
  assert.ok(work.exprTerms <= TERMS_PER_CHAR * n + 8, `expression terms linear: ${state()}`);
  assert.ok(work.suggestionCandidates + work.distanceCells <= SUGGESTION_STEPS_BASE + STEPS_PER_CHAR * n + VOCABULARY_CELLS, `suggestion steps linear: ${state()}`);
  return result;
}

test('fuzz: random and hostile programs never fail inside, and their work is linear', () => {
  fc.assert(fc.property(hostile, (source) => void check(source)), params);
});

test('fuzz: .equ chains resolve to their value, and cycles are reported as circular', () => {
  fc.assert(
    fc.property(equGraph, ([n, next, endsInLabel]) => {
      // C(i) = C(next[i]) + 1; next -1 ends the chain at the label (or at a literal 0).
      const lines = next.map((j, i) => `.equ C${i}, ${j < 0 ? (endsInLabel ? 'end' : '0') : `C${j}`} + 1`);
      const r = check(`${lines.join('\n')}\nnop\nend: hlt`);
      // Walk from each constant: it either reaches the end (value: steps + base) or enters a cycle.
      for (let i = 0; i < n; i++) {
        const seen = new Set<number>();
        let k = i;
        while (k >= 0 && !seen.has(k)) {
          seen.add(k);
          k = next[k];
        }
        if (k >= 0) {
          assert.ok(r.diagnostics.some((d) => /circular definition/.test(d.message)), `C${i} reaches a cycle`);
          assert.equal(r.program, undefined);
        } else if (r.program) {
          assert.equal(r.program.symbols.get(`C${i}`), seen.size + (endsInLabel ? 4 : 0), `value of C${i}`);
        }
      }
      if (!next.some((_, i) => reachesCycle(next, i))) assert.ok(r.program, 'an acyclic graph assembles');
      const cycleLines = r.diagnostics.filter((d) => d.message.startsWith('circular definition')).map((d) => d.line);
      for (const line of cycleLines) assert.ok(reachesCycle(next, line - 1) && onCycle(next, line - 1), `line ${line} is on a cycle`);
    }),
    params,
  );
});

test('fuzz: numbers beyond 32 bits are refused with a message, in every place a value goes', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(1n << 40n), max: 1n << 40n }), fc.constantFrom('mov r0, ', '.word ', '.equ K, ', 'push ', 'mov r0, [', 'mov r0, [r1+'), (value, head) => {
      const literal = value < 0n ? `0 - ${(-value).toString()}` : value.toString();
      const r = check(`${head}${literal}${head.includes('[') ? ']' : ''}\nhlt`);
      const fits = value >= -(1n << 31n) && value <= 0xffffffffn;
      assert.equal(r.program !== undefined, fits, `${head}${literal}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    }),
    params,
  );
});

function reachesCycle(next: readonly number[], start: number): boolean {
  const seen = new Set<number>();
  for (let k = start; k >= 0; k = next[k]) {
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

function onCycle(next: readonly number[], start: number): boolean {
  const seen = new Set<number>();
  for (let k = next[start]; k >= 0 && !seen.has(k); k = next[k]) {
    if (k === start) return true;
    seen.add(k);
  }
  return false;
}
