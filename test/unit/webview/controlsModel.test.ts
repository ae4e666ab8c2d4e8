// The VT-x controls group's model: what a checkbox shows, what a click saves, what the run gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble, Simulation } from '../../../src/core/sim';
import { VMX_CONTROLS } from '../../../src/core/sim/vmx';
import { changedCount, controlRows, restoreControls, setControl, type ControlOverrides } from '../../../src/webview/controlsModel';

test('one row per documented control, in order, with its SDM name and description in the panel language', () => {
  const en = controlRows(undefined, 'current', 'en');
  const zh = controlRows(undefined, 'current', 'zh-cn');
  assert.deepEqual(en.map((r) => r.id), VMX_CONTROLS.map((c) => c.id));
  const ept = en.find((r) => r.id === 'enableEpt')!;
  assert.equal(ept.sdmName, 'Enable EPT');
  assert.match(ept.description, /Secondary control, bit 1/);
  assert.match(zh.find((r) => r.id === 'enableEpt')!.description, /次级控制位 1/);
});

test('with no overrides every row shows its era\'s default, unchanged and unforced', () => {
  for (const era of ['current', 'early-vtx'] as const) {
    for (const r of controlRows(undefined, era, 'en')) {
      assert.equal(r.checked, r.eraDefault, `${era} ${r.id}`);
      assert.equal(r.changed, false);
    }
  }
  const byId = (era: 'current' | 'early-vtx') => Object.fromEntries(controlRows(undefined, era, 'en').map((r) => [r.id, r.eraDefault]));
  assert.equal(byId('current').enableEpt, true);
  assert.equal(byId('current').cr3LoadExiting, false);
  assert.equal(byId('early-vtx').enableEpt, false);
  assert.equal(byId('early-vtx').pfExiting, true);
});

test('turning EPT off in era current: one change, and KVM forces CR3-load, INVLPG and #PF exiting on', () => {
  const overrides = setControl(undefined, 'current', 'enableEpt', false);
  assert.deepEqual(overrides, { enableEpt: false });
  const rows = Object.fromEntries(controlRows(overrides, 'current', 'en').map((r) => [r.id, r]));
  assert.equal(rows.enableEpt!.checked, false);
  assert.equal(rows.enableEpt!.changed, true);
  assert.equal(rows.enableEpt!.forced, false);
  for (const id of ['cr3LoadExiting', 'invlpgExiting', 'pfExiting']) {
    assert.equal(rows[id]!.checked, true, id);
    assert.equal(rows[id]!.forced, true, id);
    assert.equal(rows[id]!.changed, false, `${id} is forced, not chosen`);
  }
  assert.equal(rows.cr3StoreExiting!.forced, false, 'KVM does not force CR3-store exiting');
  assert.equal(changedCount(overrides, 'current'), 1);
  // With EPT on nothing is forced.
  assert.ok(controlRows(undefined, 'current', 'en').every((r) => !r.forced));
});

test('setting a control back to the era\'s default removes the override', () => {
  let o = setControl(undefined, 'current', 'rdtscExiting', true);
  o = setControl(o, 'current', 'enableVpid', false);
  assert.deepEqual(o, { rdtscExiting: true, enableVpid: false });
  o = setControl(o, 'current', 'rdtscExiting', false);
  assert.deepEqual(o, { enableVpid: false });
  assert.equal(setControl(o, 'current', 'enableVpid', true), undefined);
  // The same value is an override in one era and the default in the other.
  assert.deepEqual(setControl(undefined, 'early-vtx', 'enableEpt', true), { enableEpt: true });
  assert.equal(setControl(undefined, 'early-vtx', 'enableEpt', false), undefined);
  assert.equal(changedCount({ enableEpt: false }, 'early-vtx'), 0, 'an override equal to the era\'s default is no change');
});

test('saved overrides are validated: unknown controls and non-boolean values are dropped', () => {
  for (const raw of [undefined, null, 'x', 7, [], {}, { warp: true }, { enableEpt: 'no' }, { enableEpt: 0 }]) {
    assert.equal(restoreControls(raw), undefined, JSON.stringify(raw));
  }
  assert.deepEqual(restoreControls({ enableEpt: false, warp: true, hltExiting: 1, enableVpid: false }), { enableEpt: false, enableVpid: false });
  assert.deepEqual(restoreControls({ __proto__: { enableEpt: false } }), undefined, 'only own properties count');
});

test('the overrides the panel saves give the run it describes: demand paging under vtx without EPT uses shadow paging', () => {
  const { program } = assemble(readFileSync(join(__dirname, '../../../examples/demand-paging.vmasm'), 'utf8'));
  assert.ok(program);
  const run = (controls: ControlOverrides | undefined) => {
    const sim = new Simulation(program, { mode: 'vtx', era: 'current', controls });
    sim.run();
    return sim.result().stats;
  };
  const ept = run(undefined);
  assert.ok(ept.memory.eptViolations > 0);
  assert.equal(ept.memory.hiddenPageFaults, 0);
  assert.equal(ept.vmexits.EXCEPTION_NMI ?? 0, 0);
  const shadow = run(setControl(undefined, 'current', 'enableEpt', false));
  assert.equal(shadow.memory.eptViolations, 0);
  assert.ok(shadow.memory.hiddenPageFaults > 0, 'hidden page faults');
  assert.ok((shadow.vmexits.EXCEPTION_NMI ?? 0) > 0, 'each page fault exits, as the forced #PF exiting says');
  assert.ok((shadow.vmexits.CR_ACCESS ?? 0) > (ept.vmexits.CR_ACCESS ?? 0), 'the CR3 load exits too');
});
