// What survives hiding the panel and a window reload: anything getState() returns is made safe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL_STATE, restoreState, SPEEDS } from '../../../src/webview/state';

const program = { name: 'a.vmasm', text: 'hlt', firstLine: 0 };

test('a saved state comes back as it was', () => {
  const saved = { version: 1, program, mode: 'vtx', era: 'early-vtx', speed: 4, position: 1234, tab: 'compare' };
  assert.deepEqual(restoreState(JSON.parse(JSON.stringify(saved))), saved);
});

test('garbage gives the initial state; broken fields take their defaults', () => {
  for (const raw of [undefined, null, 'x', 7, [], { version: 2, mode: 'vtx' }]) assert.deepEqual(restoreState(raw), INITIAL_STATE);
  const r = restoreState({ version: 1, program: { name: 5 }, mode: 'warp', era: 'future', speed: SPEEDS.length, position: -1, tab: 'x' });
  assert.deepEqual(r, INITIAL_STATE);
  assert.equal(restoreState({ version: 1, position: 2.5 }).position, 0);
});
