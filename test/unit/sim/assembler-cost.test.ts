// The assembler's cost on hostile programs, bounded in counted operations (never wall time):
// each count must stay within a constant times the source's length, at two sizes ten times apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleCounted, diagnoseProgram, MAX_DIAGNOSTICS } from '../../../src/core/sim/assembler';
import { editDistance, newWork, type AssemblyWork } from '../../../src/core/sim/lexer';
import { boundedDistance } from '../../../src/core/sim/suggestions';
import { diagnosticSpans } from '../../../src/extension/guestLanguage/statement';
import { HOSTILE_VMASM, type HostileCase } from './hostileVmasm';
import fc from 'fast-check';

/** Expression terms looked at, per character of source. */
const TERMS_PER_CHAR = 1;
/** Suggestion candidates plus edit-distance cells, per character of source. */
const SUGGESTION_STEPS_PER_CHAR = 8;

function measure(source: string): { work: AssemblyWork; diagnostics: number } {
  const work = newWork();
  const r = assembleCounted(source, work);
  return { work, diagnostics: r.diagnostics.length };
}

function assertLinear(name: HostileCase): void {
  for (const bytes of [16_000, 160_000]) {
    const source = HOSTILE_VMASM[name](bytes);
    const n = source.length;
    const { work } = measure(source);
    const at = `${name} at ${n} characters: ${JSON.stringify(work)}`;
    assert.equal(work.lineSplits, 1, `split into lines once: ${at}`);
    assert.ok(work.exprTerms <= TERMS_PER_CHAR * n, `expression terms within ${TERMS_PER_CHAR}·n: ${at}`);
    assert.ok(work.suggestionCandidates + work.distanceCells <= SUGGESTION_STEPS_PER_CHAR * n, `suggestion steps within ${SUGGESTION_STEPS_PER_CHAR}·n: ${at}`);
  }
}

test('many labels and many unknown names: suggestions cost at most a constant per character', () => {
  assertLinear('labelsAndUnknowns');
  assertLinear('nearMisses');
});

test('a chain of 6,000 forward .equ definitions is resolved in one pass over its terms', () => {
  assertLinear('equChain');
  const source = HOSTILE_VMASM.equChain(144_000);
  const work = newWork();
  const r = assembleCounted(source, work);
  assert.ok(r.program, 'the chain resolves');
  const links = (source.match(/\.equ/g) ?? []).length;
  assert.equal(r.program.symbols.get('C0'), r.program.symbols.get('end')! + links - 1);
  // Each term is seen in pass 1, then at most twice while resolving (before and after its name).
  assert.ok(work.exprTerms <= 3 * 2 * links, `${work.exprTerms} terms for ${links} constants`);
});

test('a cycle through thousands of constants is found in linear work and named, with its length', () => {
  assertLinear('equCycle');
  const r = assembleCounted(HOSTILE_VMASM.equCycle(144_000), newWork());
  assert.match(r.diagnostics[0].message, /^circular definition: 'C0' → 'C1' → .* → … → 'C\d+' → 'C0' \(\d+ constants\)$/);
  assert.ok(r.diagnostics[0].message.length < 200, 'a long cycle is shortened in its message');
});

test('600 bad lines then a long tail of comments: one split, reporting stops at the cap', () => {
  assertLinear('badLinesThenComments');
  const source = HOSTILE_VMASM.badLinesThenComments(160_000);
  const work = newWork();
  const r = assembleCounted(source, work);
  assert.equal(r.diagnostics.length, MAX_DIAGNOSTICS + 1);
  assert.match(r.diagnostics[MAX_DIAGNOSTICS].message, /too many errors/);
  assert.equal(work.linesRead, MAX_DIAGNOSTICS + 1, 'reading stops with the reports: the comment tail is never read');
  // Mnemonic suggestions stopped with the reports: at most one search per reported line.
  assert.ok(work.distanceRuns <= (MAX_DIAGNOSTICS + 1) * 60, `${work.distanceRuns} distance runs`);
  const spanWork = newWork();
  const spans = diagnosticSpans(source, r.diagnostics, spanWork);
  assert.equal(spanWork.lineSplits, 1, 'the editor splits the program once for all its diagnostics');
  assert.equal(spans.length, r.diagnostics.length);
});

test('an operand of hundreds of kilobytes is evaluated once per term', () => {
  assertLinear('hugeExpression');
  assertLinear('labelsOnOneLine');
  assertLinear('longWords');
  assertLinear('binary');
});

test('long names are quoted shortened in messages, not copied whole into each', () => {
  const name = 'y'.repeat(100_000);
  const r = assembleCounted(`mov r0, ${name}\n${name}x r0\n.equ ${name}z, 0x1ffffffff`, newWork());
  assert.equal(r.diagnostics.length, 3);
  for (const d of r.diagnostics) assert.ok(d.message.length < 200, d.message.slice(0, 100));
});

test('suggestions still find the near name, and the same unknown name is searched once', () => {
  const labels = Array.from({ length: 2000 }, (_, i) => `handler_${i}:`).join('\n');
  const work = newWork();
  const r = assembleCounted(`${labels}\n${'    jmp handler_12x\n'.repeat(300)}`, work);
  assert.match(r.diagnostics[0].message, /unknown label or constant 'handler_12x' — did you mean 'handler_12'\?/);
  assert.equal(r.diagnostics.length, 300);
  assert.ok(work.suggestionCandidates <= 2000, `one search over the labels, not one per use: ${work.suggestionCandidates}`);
});

test('no suggestion is searched for past the cap of reported errors', () => {
  const labels = Array.from({ length: 100 }, (_, i) => `label_${i}:`).join('\n');
  const uses = Array.from({ length: 3000 }, (_, i) => `    jmp unknown_${i}`).join('\n');
  const work = newWork();
  const r = assembleCounted(`${labels}\n${uses}`, work);
  assert.equal(r.diagnostics.length, MAX_DIAGNOSTICS + 1);
  assert.ok(work.suggestionSearches <= MAX_DIAGNOSTICS + 1, `${work.suggestionSearches} searches for ${MAX_DIAGNOSTICS} reports`);
  // The same within one line: a sum of 3000 distinct unknown names.
  const line = newWork();
  assembleCounted(`${labels}\n    mov r0, ${Array.from({ length: 3000 }, (_, i) => `unknown_${i}`).join(' + ')}`, line);
  assert.ok(line.suggestionSearches <= MAX_DIAGNOSTICS + 1, `${line.suggestionSearches} searches in one line`);
});

test('each assembly starts with all memory free, though the overlap table is shared', () => {
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(diagnoseProgram('.org 0x100\n.space 0x100\nnop'), []);
    assert.match(diagnoseProgram('.org 0x100\n.word 1\n.org 0x100\nnop')[0].message, /overlaps code or data of line 2 at 0x100/);
  }
});

test('boundedDistance equals the edit distance whenever that is within the bound', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c', '_') }), fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c', '_') }), fc.integer({ min: 0, max: 4 }), (a, b, max) => {
      assert.equal(boundedDistance(a, b, max), Math.min(editDistance(a, b), max + 1));
    }),
    { numRuns: 500, seed: 8 },
  );
});
