import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryById, GLOSSARY } from '../../../src/core/glossary/index';
import { simulatorDemonstrates } from '../../../src/extension/glossary/simulatorTerms';

test('CPU virtualization terms offer the simulator, cloud service models do not', () => {
  for (const id of ['trap-and-emulate', 'popf-pushf', 'sidt', 'cpuid', 'paravirtualization', 'tcg']) {
    assert.equal(simulatorDemonstrates(entryById(id)!), true, id);
  }
  for (const id of ['saas', 'nas', 'container']) assert.equal(simulatorDemonstrates(entryById(id)!), false, id);
});

test('every entry the simulator list names exists in the glossary', () => {
  const demonstrated = GLOSSARY.filter(simulatorDemonstrates).map((entry) => entry.id);
  assert.ok(demonstrated.length > 20, `only ${demonstrated.length}`);
});
