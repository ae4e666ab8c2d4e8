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

test('VT-x controls are saved as overrides and restored validated; none saved means none restored', () => {
  const saved = { version: 1, program, mode: 'vtx', era: 'current', speed: 2, position: 0, tab: 'log', controls: { enableEpt: false } };
  assert.deepEqual(restoreState(JSON.parse(JSON.stringify(saved))), saved);
  assert.equal('controls' in restoreState({ version: 1, mode: 'vtx' }), false);
  assert.equal('controls' in restoreState({ version: 1, mode: 'vtx', controls: { enableEpt: 'off', bogus: true } }), false);
  assert.deepEqual(restoreState({ version: 1, mode: 'vtx', controls: { enableVpid: false, bogus: true } }).controls, { enableVpid: false });
  assert.equal(restoreState({ version: 1, mode: 'vtx', controls: [true] }).controls, undefined);
});
