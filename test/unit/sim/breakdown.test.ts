import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CAUSE_LABELS, CYCLE_CAUSES, compareModes, CycleLedger, ERAS, explainComparison, hypercallNotes, MODES, Simulation,
  type CompareResult, type CycleShare, type Era, type Mode, type Program,
} from '../../../src/core/sim';
import { program } from './helpers';

const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'examples');
const exampleFiles = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.vmasm')).sort();
const example = (file: string) => program(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
const share = (b: readonly CycleShare[] | undefined, cause: string) => b?.find((s) => s.cause === cause);
const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

const comparisons = new Map<string, CompareResult>();
function compared(file: string, era: Era): CompareResult {
  const key = `${file}:${era}`;
  let c = comparisons.get(key);
  if (!c) comparisons.set(key, (c = compareModes(example(file), { era, breakdown: true })));
  return c;
}

test('every example in every mode and era: the breakdown sums exactly to the cycles, with nothing left as "other"', () => {
  assert.ok(exampleFiles.length >= 10, 'the examples were found');
  for (const file of exampleFiles) {
    for (const era of ERAS) {
      const c = compared(file, era);
      assert.deepEqual(c.modes.map((m) => m.mode), [...MODES]);
      for (const m of c.modes) {
        const where = `${file} ${era} ${m.mode}`;
        const b = m.breakdown;
        assert.ok(b && b.length > 0, `${where}: a breakdown`);
        assert.equal(b.reduce((sum, s) => sum + s.cycles, 0), m.result.stats.cycles, `${where}: sums to stats.cycles`);
        assert.equal(share(b, 'other'), undefined, `${where}: no unattributed cycles`);
        for (const s of b) assert.ok(s.cycles > 0 && s.count > 0, `${where}: ${s.cause} positive`);
        const order = b.map((s) => CYCLE_CAUSES.indexOf(s.cause));
        assert.deepEqual(order, [...order].sort((x, y) => x - y), `${where}: stacking order`);
      }
    }
  }
});

test('listening for the breakdown changes no result', () => {
  for (const file of ['bt-vs-vtx.vmasm', 'syscalls.vmasm', 'pv-console.vmasm']) {
    const plain = compareModes(example(file), { era: 'early-vtx' });
    const withBreakdown = compared(file, 'early-vtx');
    assert.deepEqual(withBreakdown.modes.map((m) => m.result), plain.modes.map((m) => m.result), file);
    assert.ok(plain.modes.every((m) => m.breakdown === undefined), 'no breakdown unless asked');
  }
});

test('the causes match the counters of each mode', () => {
  for (const file of exampleFiles) {
    for (const era of ERAS) {
      for (const m of compared(file, era).modes) {
        const s = m.result.stats;
        const where = `${file} ${era} ${m.mode}`;
        const exits = Object.values(s.vmexits).reduce<number>((a, v) => a + (v ?? 0), 0);
        assert.equal(share(m.breakdown, 'traps')?.count ?? 0, s.traps, `${where}: traps`);
        assert.equal(share(m.breakdown, 'exits')?.count ?? 0, exits, `${where}: VM exits`);
        assert.equal(share(m.breakdown, 'callouts')?.count ?? 0, s.callouts, `${where}: callouts`);
        assert.equal(share(m.breakdown, 'translation')?.count ?? 0, s.translatedBlocks, `${where}: translated blocks`);
        assert.equal(share(m.breakdown, 'direct')?.count ?? 0, s.direct, `${where}: direct`);
        if (m.mode === 'emulate') assert.equal(share(m.breakdown, 'emulated')?.count, s.instructions, `${where}: TCG runs every instruction`);
        if (m.mode === 'vtx') assert.equal(share(m.breakdown, 'exits')?.cycles ?? 0, exits * (era === 'early-vtx' ? 2400 : 500), `${where}: exit price`);
      }
    }
  }
});

test('the breakdown is the same whether the run is stepped or run, and with overridden prices', () => {
  const p: Program = example('syscalls.vmasm');
  for (const mode of ['emulate', 'bt', 'trap', 'vtx'] as Mode[]) {
    // Equal prices for a device access and a world switch: the sum stays exact.
    const costs = { userspaceExit: 200, deviceAccess: 200, callout: 0 };
    const runs = [false, true].map((stepping) => {
      const sim = new Simulation(p, { mode, era: 'current', costs, maxSteps: 20_000 });
      const ledger = new CycleLedger(sim.costs);
      sim.onEvent((e) => ledger.record(e));
      if (stepping) while (!sim.isFinished) sim.step();
      else while (!sim.isFinished) sim.run();
      const result = sim.result();
      const b = ledger.breakdown(result);
      assert.equal(b.reduce((sum, s) => sum + s.cycles, 0), result.stats.cycles, `${mode} stepping=${stepping}`);
      assert.equal(share(b, 'other'), undefined, `${mode} stepping=${stepping}`);
      return b;
    });
    assert.deepEqual(runs[1], runs[0], mode);
  }
});

test('every cause has a label in both languages', () => {
  for (const c of CYCLE_CAUSES) {
    assert.ok(CAUSE_LABELS[c].en.length > 0);
    assert.ok(hasChinese(CAUSE_LABELS[c]['zh-cn']), c);
  }
});

test('bt-vs-vtx in early-vtx: bt wins over vtx, and the sentence says why, with its source', () => {
  const e = explainComparison(compared('bt-vs-vtx.vmasm', 'early-vtx'));
  const finding = e.findings.find((f) => f.id === 'bt-beats-vtx');
  assert.ok(finding, 'bt beats vtx in 2006');
  assert.match(finding.text.en, /^Binary translation \(bt\) wins over vtx/);
  assert.match(finding.text.en, /2,400 cycles/, 'the price of an exit then');
  assert.match(finding.text.en, /shadow page tables/);
  assert.match(finding.text.en, /Adams & Agesen \(ASPLOS 2006\)/);
  assert.ok(hasChinese(finding.text['zh-cn']) && finding.text['zh-cn'].includes('Adams'));
  assert.equal(e.dominant.find((d) => d.mode === 'vtx')?.cause, 'exits');
  assert.match(e.dominant.find((d) => d.mode === 'vtx')!.text.en, /^Under vtx, VM exits cost the most: 1,279,200 of 2,517,169 cycles \(51%, 533 times\)\.$/);
  // Current CPUs turn it around: no such finding.
  assert.equal(explainComparison(compared('bt-vs-vtx.vmasm', 'current')).findings.find((f) => f.id === 'bt-beats-vtx'), undefined);
});

test('paravirt without hypercalls says it runs unmodified code as trap does; with hypercalls it does not', () => {
  const e = explainComparison(compared('privileged.vmasm', 'current'));
  const note = e.findings.find((f) => f.id === 'paravirt-unmodified');
  assert.ok(note);
  assert.match(note.text.en, /unmodified code/);
  assert.match(note.text.en, /behaves as trap/);
  assert.ok(hasChinese(note.text['zh-cn']));
  const pv = compared('pv-console.vmasm', 'current');
  assert.ok(pv.modes.find((m) => m.mode === 'paravirt')!.result.stats.hypercalls > 0);
  assert.equal(explainComparison(pv).findings.find((f) => f.id === 'paravirt-unmodified'), undefined);
  assert.ok(pv.notes.length > 0, 'the hypercall note of compareModes covers that case');
});

test('emulate cheaper than the VMMs is explained by TCG\'s flat price; on ordinary code it is not cheaper and says nothing', () => {
  const e = explainComparison(compared('privileged.vmasm', 'early-vtx'));
  const f = e.findings.find((x) => x.id === 'emulate-beats-vmms');
  assert.ok(f);
  assert.match(f.text.en, /fewer cycles than .*bt/);
  assert.match(f.text.en, /10 cycles/, 'TCG\'s price per instruction in 2006');
  assert.match(f.text.en, /exits to user space/, 'what bt pays and emulate does not');
  assert.match(f.text.en, /Bellard, USENIX ATC 2005/);
  assert.ok(hasChinese(f.text['zh-cn']));
  const ordinary = program(`
    mov r1, 20000
loop: add r2, r1
    dec r1
    jnz loop
    hlt`);
  const plain = explainComparison(compareModes(ordinary, { era: 'current', breakdown: true }));
  assert.equal(plain.findings.find((x) => x.id === 'emulate-beats-vmms'), undefined);
  assert.ok(plain.findings.some((x) => x.id === 'paravirt-unmodified'));
  assert.equal(plain.dominant.find((d) => d.mode === 'emulate')?.cause, 'emulated');
  assert.equal(plain.dominant.find((d) => d.mode === 'bt')?.cause, 'direct');
});

test('modes without a breakdown get no dominant-cost sentence', () => {
  const c = compareModes(example('hello.vmasm'));
  assert.deepEqual(explainComparison(c).dominant, []);
});

test('with the panel\'s mode names the sentences name each mode by it (quoted, as one noun) in both languages, never by a bare id first', () => {
  // The names of the Mode select (strings.ts and the zh-cn bundle).
  const en: Record<Mode, string> = {
    native: 'native: bare metal', emulate: 'emulate: QEMU TCG', trap: 'trap: classic trap-and-emulate',
    bt: 'bt: binary translation (VMware)', paravirt: 'paravirt: paravirtualization (Xen)', vtx: 'vtx: KVM on Intel VT-x',
  };
  const zh: Record<Mode, string> = {
    native: 'native：裸机', emulate: 'emulate：QEMU TCG 纯软件模拟', trap: 'trap：经典的陷入-模拟',
    bt: 'bt：二进制翻译（VMware）', paravirt: 'paravirt：半虚拟化（Xen）', vtx: 'vtx：基于 Intel VT-x 的 KVM',
  };
  const names = { en: (m: Mode) => en[m], 'zh-cn': (m: Mode) => zh[m] };
  const early = explainComparison(compared('bt-vs-vtx.vmasm', 'early-vtx'), names);
  const vtx = early.dominant.find((d) => d.mode === 'vtx')!;
  assert.match(vtx.text.en, /^Under “vtx: KVM on Intel VT-x”, VM exits cost the most: 1,279,200 of 2,517,169 cycles/);
  assert.match(vtx.text['zh-cn'], /^“vtx：基于 Intel VT-x 的 KVM”下开销最大的是/);
  const bt = early.findings.find((f) => f.id === 'bt-beats-vtx')!;
  assert.match(bt.text.en, /^“bt: binary translation \(VMware\)” wins over “vtx: KVM on Intel VT-x” here \(/);
  assert.match(bt.text['zh-cn'], /^这里“bt：二进制翻译（VMware）”胜过“vtx：基于 Intel VT-x 的 KVM”（/);
  const privileged = explainComparison(compared('privileged.vmasm', 'early-vtx'), names);
  const pv = privileged.findings.find((f) => f.id === 'paravirt-unmodified')!;
  assert.match(pv.text.en, /^No hypercall under “paravirt: paravirtualization \(Xen\)”: .* behaves as “trap: classic trap-and-emulate” here/);
  assert.match(pv.text['zh-cn'], /^“paravirt：半虚拟化（Xen）”没有发起超级调用：.*与“trap：经典的陷入-模拟”相同/);
  const emulate = privileged.findings.find((f) => f.id === 'emulate-beats-vmms')!;
  assert.match(emulate.text.en, /^“emulate: QEMU TCG” needs fewer cycles than (“[^”]+”, )*“[^”]+” and “[^”]+” here\./);
  assert.match(emulate.text['zh-cn'], /^这里“emulate：QEMU TCG 纯软件模拟”所需周期少于“[^”]+”(、“[^”]+”)*。/);
  assert.ok(emulate.text.en.includes('“bt: binary translation (VMware)”'), 'bt, which lost too, is named');
  // Chinese sets no space beside a full-width quotation mark.
  for (const t of [...privileged.dominant, ...privileged.findings, ...early.dominant, ...early.findings].map((x) => x.text['zh-cn'])) {
    assert.doesNotMatch(t, / “|” /, t);
  }
  // A language without names keeps the ids (the CLI's text).
  const halfNamed = explainComparison(compared('bt-vs-vtx.vmasm', 'early-vtx'), { 'zh-cn': names['zh-cn'] });
  assert.match(halfNamed.dominant.find((d) => d.mode === 'vtx')!.text.en, /^Under vtx, /);
});

test('the hypercall note names the modes as the panel does when given its names, and by their ids otherwise', () => {
  const pv = compared('pv-console.vmasm', 'current');
  const names = { en: (m: Mode) => `${m}: long name`, 'zh-cn': (m: Mode) => `${m}：长名称` };
  const [named] = hypercallNotes(pv.modes, names);
  assert.match(named!.en, /^This program made hypercalls \(VMCALL\) under “paravirt: long name” and “vtx: long name”\. .*equivalence with “native: long name” does not cover those runs/);
  assert.match(named!['zh-cn'], /^该程序在“paravirt：长名称”、“vtx：长名称”下发起了超级调用（VMCALL）。.*因此与“native：长名称”的等价性/);
  const [bare] = hypercallNotes(pv.modes);
  assert.match(bare!.en, /^This program made hypercalls \(VMCALL\) under paravirt, vtx\. .*equivalence with native does not/);
  assert.match(bare!['zh-cn'], /^该程序在 paravirt, vtx 下发起了超级调用/);
});
