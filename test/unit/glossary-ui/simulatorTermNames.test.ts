// The panel's "Explain … in the glossary" buttons name a term in the panel's language: every term
// a simulator event names (all examples, every mode, both eras) is in the table the host sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupTerm, termNamesIn } from '../../../src/core/glossary/index';
import { assemble, EXAMPLES, ERAS, MODES, Simulation } from '../../../src/core/sim/index';

test('every term the simulator names has its Chinese name in the panel table', () => {
  const zh = termNamesIn('zh-cn');
  const named = new Set<string>();
  for (const example of EXAMPLES) {
    const { program } = assemble(readFileSync(join(__dirname, '../../../examples', example.file), 'utf8'), { fileName: example.file });
    assert.ok(program, example.file);
    for (const mode of MODES) {
      for (const era of ERAS) {
        const sim = new Simulation(program, { mode, era, maxSteps: 200_000 });
        sim.onEvent((e) => e.term && named.add(e.term));
        while (!sim.isFinished) if (sim.run(100_000).executed === 0) break;
      }
    }
  }
  assert.ok(named.size >= 8, `terms named by events: ${[...named].join(', ')}`);
  for (const term of named) {
    assert.ok(Object.hasOwn(zh, term), `"${term}" is a glossary entry's English name`);
    assert.notEqual(zh[term], term, `"${term}" has a Chinese name`);
    assert.equal(lookupTerm(term)?.names['zh-cn'], zh[term]);
  }
});
