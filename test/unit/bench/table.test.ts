import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, formatTable, formatValue, summarize, wrap, type BenchFileResult } from '../../../bench/table';

const results: BenchFileResult[] = [
  {
    file: 'glossary.bench.ts',
    seconds: 1,
    lines: [
      { name: 'findTerms throughput', value: 123.456, unit: 'MB/s', goal: '>= 50', met: true },
      { name: '术语匹配：中文笔记 2 MB', value: 0.5, unit: 'x', goal: '<= 1', met: true },
      { name: 'matches found', value: 12_345.6, unit: 'per MB' },
    ],
  },
  {
    file: 'sim.bench.ts',
    seconds: 2,
    lines: [{ name: 'sim native / hand-written JS', value: 0.2, unit: 'ratio', goal: '>= 0.25', met: false }],
  },
  { file: 'broken.bench.ts', seconds: 0, lines: [], error: 'Cannot read properties of undefined\n    at x' },
  { file: 'kvm.bench.ts', seconds: 0, lines: [] },
];

test('display width counts Chinese characters and emoji as two columns, combining marks as none', () => {
  assert.equal(displayWidth('KVM'), 3);
  assert.equal(displayWidth('虚拟化'), 6);
  assert.equal(displayWidth('：'), 2);
  assert.equal(displayWidth('🙂'), 2);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('👩‍💻'), 2);
});

test('every row of the table has its value column ending at the same display column', () => {
  const lines = formatTable(results, 100).split('\n');
  const header = lines[0];
  const valueEnd = displayWidth(header.slice(0, header.indexOf('value') + 'value'.length));
  for (const line of results.flatMap((r) => r.lines)) {
    const row = lines.find((l) => l.startsWith(`  ${line.name}`));
    assert.ok(row, line.name);
    const value = formatValue(line.value);
    const end = row.indexOf(` ${value}  `, 2 + line.name.length) + 1 + value.length;
    // In display columns: the Chinese name is shorter in UTF-16 units than on screen.
    assert.equal(displayWidth(row.slice(0, end)), valueEnd, row);
  }
});

test('the table lists each goal with its verdict, the failed file, and closes with the count', () => {
  const text = formatTable(results, 100);
  assert.match(text, /findTerms throughput\s+123\.5\s+MB\/s\s+>= 50\s+met/);
  assert.match(text, /sim native \/ hand-written JS\s+0\.2\s+ratio\s+>= 0\.25\s+NOT met/);
  assert.match(text, /matches found\s+12,346\s+per MB$/m);
  assert.match(text, /broken\.bench\.ts\n {2}failed: Cannot read properties of undefined at x/);
  assert.match(text, /kvm\.bench\.ts\n {2}\(measured nothing\)/);
  assert.equal(text.split('\n').at(-1), '2 of 3 goals met; 1 bench file(s) failed: broken.bench.ts');
  assert.deepEqual(summarize(results), { goals: 3, met: 2, failedFiles: ['broken.bench.ts'] });
});

test('a long name wraps within the width, at spaces or between Chinese characters', () => {
  const long = 'outline of a note near the size cap with many headings and '.repeat(3) + '虚拟化学习笔记'.repeat(6);
  const text = formatTable([{ file: 'x.bench.ts', seconds: 0, lines: [{ name: long, value: 1, unit: 'x', goal: '<= 2', met: true }] }], 80);
  for (const line of text.split('\n')) assert.ok(displayWidth(line) <= 80, `${displayWidth(line)}: ${line}`);
  assert.match(text, /^ {4}\S/m); // a continuation line, indented under its name
  const joined = wrap(long, 30).join(' ');
  assert.equal(joined.replace(/\s+/g, ''), long.replace(/\s+/g, ''));
  for (const line of wrap(long, 30)) assert.ok(displayWidth(line) <= 30, line);
  assert.deepEqual(wrap('虚拟化学习', 4), ['虚拟', '化学', '习']);
});

test('values read well at every magnitude', () => {
  assert.deepEqual(
    [7417.6, 0.98554, 123.456, 0, 0.00012, Number.NaN, -2.5].map(formatValue),
    ['7,418', '0.9855', '123.5', '0', '1.20e-4', 'NaN', '-2.5'],
  );
});
