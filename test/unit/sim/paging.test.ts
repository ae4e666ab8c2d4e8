import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, compareModes, instructionInfo, MODES, REGISTERS, registerInfo, runProgram, Simulation, type Era, type Mode, type RunResult, type SimEvent } from '../../../src/core/sim';
import { program, run } from './helpers';
import { readFileSync } from 'node:fs';
import { lookupTerm } from '../../../src/core/glossary/index';
import { LAST_WORD } from '../../../src/core/sim/memory/mmu';
import { HINT_MASK, OK_READ_K, OK_READ_U, OK_WRITE_K, OK_WRITE_U } from '../../../src/core/sim/memory/tlb';
import { join } from 'node:path';

/**
 * A kernel with the low 64 KiB identity-mapped (directory 0x8000, table 0x9000, both
 * present+writable, user pages when `user`), paging on, `body` after it, and a #PF handler that
 * stores cr2 in r6 and the error code in r7, then halts. `setup` runs before paging is enabled.
 */
function paged(body: string, { user = false, setup = '', wp = false } = {}): string {
  const bits = user ? 7 : 3;
  return `
_start:
    lidt [idtr]
    mov r1, pf
    mov [idt+56], r1
    mov r0, 0
    mov r1, 0x9000
map:
    mov r2, r0
    shl r2, 12
    or r2, ${bits}
    mov [r1], r2
    add r1, 4
    inc r0
    cmp r0, 16
    jnz map
    mov r1, 0x9000+${bits}
    mov [0x8000], r1
${setup}
    mov r1, 0x8000
    mov cr3, r1
    mov r1, ${wp ? '0x80010001' : '0x80000001'}
    mov cr0, r1
${body}
    hlt
pf:
    mov r6, cr2
    pop r7
    hlt
.align 4
idtr: .byte 0x3F, 0
      .word idt
idt:  .space 64
`;
}

const mem = (r: RunResult) => r.stats.memory;

test('PG without PE is #GP; PG with PE turns paging on and cr0/cr2/cr3 appear in the result', () => {
  const gp = run(`_start:\n lidt [idtr]\n mov r1, h\n mov [idt+52], r1\n mov r0, 0x80000000\n mov cr0, r0\n hlt\nh: mov r5, 13\n hlt\nidtr: .byte 0x3F, 0\n .word idt\nidt: .space 64`);
  assert.equal(gp.registers.r5, 13);
  assert.equal((gp.registers.cr0 ?? 0) & 0x80000000, 0);
  const r = run(paged('mov r0, [0x1000]'));
  assert.equal(r.registers.cr0, 0x80000001);
  assert.equal(r.registers.cr3, 0x8000);
  assert.equal(r.registers.cr2, 0);
});

test('native: a TLB miss walks 2 references, a hit none; mov cr3 flushes, invlpg drops one page', () => {
  const base = mem(run(paged('')));
  const one = mem(run(paged('mov r0, [0x4000]\nmov r0, [0x4004]\nmov r0, [0x4008]')));
  assert.equal(one.tlbMisses - base.tlbMisses, 1);
  assert.equal(one.pageWalkReferences - base.pageWalkReferences, 2);
  assert.equal(one.tlbHits - base.tlbHits, 2);
  const inv = mem(run(paged('mov r0, [0x4000]\ninvlpg [0x4000]\nmov r0, [0x4000]')));
  assert.equal(inv.tlbMisses - base.tlbMisses, 2);
  const flush = mem(run(paged('mov r0, [0x4000]\nmov r1, 0x8000\nmov cr3, r1\nmov r0, [0x4000]')));
  assert.equal(flush.tlbMisses - base.tlbMisses, 2);
});

test('the TLB holds 64 pages, least recently used evicted', () => {
  const scan = (pages: number) => paged(`
    mov r5, 3
pass:
    mov r3, 0x400000
    mov r4, ${pages}
scan:
    mov r0, [r3]
    add r3, 4096
    dec r4
    jnz scan
    dec r5
    jnz pass`, { setup: `
    mov r1, 0xA003
    mov [0x8004], r1
    mov r0, 0
    mov r1, 0xA000
m2: mov r2, 0xB003
    mov [r1], r2
    add r1, 4
    inc r0
    cmp r0, 128
    jnz m2` });
  const base = mem(run(paged('')));
  const fits = mem(run(scan(60)));
  const spills = mem(run(scan(65)));
  // 60 pages + the code's few data pages fit: only the first pass misses.
  assert.ok(fits.tlbMisses - base.tlbMisses <= 61, `fits: ${fits.tlbMisses}`);
  // 65 pages scanned in order through an LRU of 64: every access misses.
  assert.equal(spills.tlbMisses - base.tlbMisses, 3 * 65);
});

test('#PF: cr2 is the linear address, the error code has P, W/R and U/S as x86', () => {
  const notPresentRead = run(paged('mov r0, [0x400010]'));
  assert.equal(notPresentRead.registers.r6, 0x400010);
  assert.equal(notPresentRead.registers.r7, 0);
  assert.equal(mem(notPresentRead).guestPageFaults, 1);
  const notPresentWrite = run(paged('mov [0x400010], r0'));
  assert.equal(notPresentWrite.registers.r7, 2);
  // A read-only page (PTE 0x9000[4] = 0x4001) written at CPL 0 with WP set: protection, write.
  const ro = 'mov r1, 0x4001\nmov [0x9010], r1\ninvlpg [0x4000]\n';
  assert.equal(run(paged(`${ro}mov [0x4000], r0\nmov r6, 77`)).registers.r6, 77, 'WP clear: the kernel may write read-only pages');
  const wp = run(paged(`${ro}mov [0x4000], r0`, { wp: true }));
  assert.equal(wp.registers.r6, 0x4000);
  assert.equal(wp.registers.r7, 3);
  // The frame pushed before the error code is the v1 frame: return pc (the faulting instruction), CPL, flags.
  const frame = run(paged('mov r0, [0x400010]').replace('pop r7', 'pop r7\n    pop r5'));
  assert.equal(frame.registers.r5, new Simulation(program(paged('mov r0, [0x400010]')), { mode: 'native' }).program.addressesOfLine(paged('mov r0, [0x400010]').split('\n').findIndex((l) => l.includes('mov r0, [0x400010]')) + 1)[0]);
});

test('user mode: U/S = 0 pages fault with error code 5 (present, read, user)', () => {
  const src = paged(`
    push 2
    push 3
    push user
    iret
user:
    mov r0, [0x4000]`);
  const r = run(src);
  assert.equal(r.registers.r7, 5);
  assert.equal(r.registers.r6, 0x4000);
  const ok = run(paged(`
    push 2
    push 3
    push user
    iret
user:
    mov r0, [0x4000]
    mov r5, 99
    mov r0, [0x400010]`, { user: true }));
  assert.equal(ok.registers.r5, 99, 'a U/S = 1 page is readable at CPL 3');
  assert.equal(ok.registers.r7, 4, 'not present, read, user');
});

test('A and D bits: a read sets A in both entries, a write sets D in the table entry', () => {
  const r = new Simulation(program(paged('mov r0, [0x4000]\nmov [0x5000], r0')), { mode: 'native' });
  while (!r.isFinished) r.run();
  const word = (a: number) => new DataView(r.readMemory(a, 4).buffer).getUint32(0, true);
  assert.equal(word(0x8000) & 0x20, 0x20, 'A in the directory entry');
  assert.equal(word(0x9000 + 4 * 4) & 0x60, 0x20, 'read: A only');
  assert.equal(word(0x9000 + 5 * 4) & 0x60, 0x60, 'write: A and D');
  assert.equal(word(0x9000 + 6 * 4) & 0x60, 0, 'untouched');
});

test('EPT: 14 references per miss with paging on, 4 with it off; one EPT violation per page, in KVM', () => {
  const on = run(paged('mov r0, [0x4000]\nmov r0, [0x4004]'), 'vtx');
  const onBase = run(paged(''), 'vtx');
  assert.equal(mem(on).tlbMisses - mem(onBase).tlbMisses, 1);
  assert.equal(mem(on).pageWalkReferences - mem(onBase).pageWalkReferences, 14);
  assert.equal(mem(on).eptViolations - mem(onBase).eptViolations, 1, 'page 4 touched for the first time');
  const off = run('mov r0, [0x4000]\nmov r0, [0x4004]\nmov r0, [0x5000]\nmov r0, [0x4008]\nhlt', 'vtx');
  assert.deepEqual([mem(off).tlbMisses, mem(off).pageWalkReferences, mem(off).eptViolations], [2, 8, 2]);
  assert.equal(off.stats.vmexits.EPT_VIOLATION, 2);
  assert.equal(off.stats.kvmExits.KVM_EXIT_MMIO ?? 0, 0);
  // Guest page faults, cr3 loads and invlpg cause no exit with EPT.
  const pf = run(paged('mov r1, 0x8000\nmov cr3, r1\ninvlpg [0x4000]\nmov r0, [0x400010]'), 'vtx');
  assert.equal(mem(pf).guestPageFaults, 1);
  assert.deepEqual(Object.keys(pf.stats.vmexits).sort(), ['CR_ACCESS', 'EPT_VIOLATION', 'HLT'], 'CR_ACCESS only for the CR0.PG change');
  assert.equal(pf.stats.vmexits.CR_ACCESS, 1);
  const bitmap = run(paged('mov r0, [0x400010]'), 'vtx', { controls: { pfExiting: true } });
  assert.equal(bitmap.stats.vmexits.EXCEPTION_NMI, 1, '#PF in the exception bitmap exits');
});

test('shadow paging: hidden faults fill the shadow, each page-table store is one shadow update, cr3 and invlpg trap', () => {
  const body = 'mov r0, [0x4000]\nmov r1, 0x5003\nmov [0x9010], r1\nmov [0x9014], r1\ninvlpg [0x4000]\nmov r0, [0x4000]';
  const base = run(paged(''), 'trap');
  const r = run(paged(body), 'trap');
  assert.equal(mem(r).shadowUpdates - mem(base).shadowUpdates, 2, 'two stores to the write-protected table');
  assert.equal(mem(r).hiddenPageFaults - mem(base).hiddenPageFaults, 3, 'page 4 filled, page 9 filled for the stores, page 4 again after invlpg');
  assert.equal(mem(r).guestPageFaults, 0);
  assert.equal(r.stats.traps - base.stats.traps, 3 + 2 + 1, 'three hidden faults, two stores, invlpg');
  for (const [mode, era] of [['bt', 'current'], ['vtx', 'early-vtx']] as [Mode, Era][]) {
    const s = mem(run(paged(body), mode, { era }));
    assert.equal(s.shadowUpdates - mem(run(paged(''), mode, { era })).shadowUpdates, 2, mode);
  }
  const early = run(paged(body), 'vtx', { era: 'early-vtx' });
  assert.ok((early.stats.vmexits.INVLPG ?? 0) >= 1);
  assert.ok((early.stats.vmexits.CR_ACCESS ?? 0) >= 2, 'cr3 load and cr0 write');
  assert.ok((early.stats.vmexits.EXCEPTION_NMI ?? 0) >= 4, 'hidden faults and page-table stores exit as #PF');
  // A guest's own page fault traps too, then is injected.
  const pf = run(paged('mov r0, [0x400010]'), 'trap');
  assert.equal(mem(pf).guestPageFaults, 1);
  assert.equal(pf.registers.r6, 0x400010);
});

test('paravirt: one hypercall per mmu_update batch, entries validated; direct stores trap', () => {
  const batch = `
    mov r1, 0x9010
    mov [0x7000], r1
    mov r1, 0x5003
    mov [0x7004], r1
    mov r1, 0x9014
    mov [0x7008], r1
    mov r1, 0x6003
    mov [0x700C], r1
    mov r0, 6
    mov r1, 0x7000
    mov r2, 2
    vmcall
    mov r5, r0
    invlpg [0x4000]
    mov r0, [0x4000]`;
  const base = run(paged('mov r0, [0x9000]'), 'paravirt');
  const r = run(paged(`mov r0, [0x9000]\n${batch}`), 'paravirt');
  assert.equal(r.registers.r5, 2);
  assert.equal(r.stats.hypercalls, 1);
  assert.equal(mem(r).shadowUpdates, mem(base).shadowUpdates, 'no trap for the batch');
  const direct = run(paged('mov r0, [0x9000]\nmov r1, 0x5003\nmov [0x9010], r1\nmov [0x9014], r1'), 'paravirt');
  assert.equal(mem(direct).shadowUpdates - mem(base).shadowUpdates, 2);
  const bad = run(paged('mov r1, 0x9011\nmov [0x7000], r1\nmov r0, 6\nmov r1, 0x7000\nmov r2, 1\nvmcall\nmov r5, r0'), 'paravirt');
  assert.equal(bad.registers.r5 | 0, -22, 'misaligned entry: EINVAL');
  const vtx = run(paged(`mov r0, [0x9000]\n${batch}`), 'vtx');
  assert.equal(vtx.registers.r5, 2);
  assert.equal(vtx.stats.vmexits.VMCALL, 1);
});

test('VPID: without it every VM exit flushes the TLB', () => {
  const src = paged('mov r3, 20\nl: mov r0, [0x4000]\nmov r0, 0\ncpuid\ndec r3\njnz l');
  const withVpid = mem(run(src, 'vtx'));
  const without = mem(run(src, 'vtx', { controls: { enableVpid: false } }));
  assert.ok(without.tlbMisses >= withVpid.tlbMisses + 20, `${without.tlbMisses} vs ${withVpid.tlbMisses}`);
});

test('events: walks, faults, hidden faults, shadow updates and EPT violations with layer and term', () => {
  const kinds = (mode: Mode, era: Era = 'current') => {
    const sim = new Simulation(program(paged('mov r0, [0x4000]\nmov r1, 0x4003\nmov [0x9010], r1\nmov r0, [0x400010]')), { mode, era });
    const events: SimEvent[] = [];
    while (!sim.isFinished) events.push(...sim.step());
    return events;
  };
  const has = (events: SimEvent[], kind: string, layer: string) => events.find((e) => e.kind === kind && e.layer === layer);
  const native = kinds('native');
  assert.ok(has(native, 'page-walk', 'hardware')?.term);
  assert.equal(has(native, 'page-fault', 'hardware')?.page?.errorCode, 0);
  const trap = kinds('trap');
  assert.ok(has(trap, 'hidden-page-fault', 'vmm')?.term);
  assert.ok(has(trap, 'shadow-update', 'vmm'));
  const vtx = kinds('vtx');
  assert.equal(has(vtx, 'ept-violation', 'kvm')?.term, 'EPT violation');
  assert.ok(has(kinds('vtx', 'early-vtx'), 'tlb-flush', 'hardware'), 'no VPID: exits flush');
  const early = kinds('vtx', 'early-vtx');
  for (const e of [...native, ...trap, ...vtx, ...early]) {
    assert.ok(e.text.en && e.text['zh-cn'], e.kind);
    if (e.term) assert.ok(lookupTerm(e.term), `${e.kind}: glossary term '${e.term}' exists`);
  }
});

const example = (file: string) => program(readFileSync(join(__dirname, '../../../examples', file), 'utf8'));
const cycles = (file: string, mode: Mode, era: Era) => runProgram(example(file), { mode, era }).stats.cycles;

test('lessons: page-table churn is cheap with EPT, dear under shadow paging; BT beats early VT-x (Adams & Agesen)', () => {
  assert.ok(cycles('pt-churn.vmasm', 'vtx', 'current') * 3 < cycles('pt-churn.vmasm', 'trap', 'current'));
  assert.ok(cycles('pt-churn.vmasm', 'vtx', 'current') * 3 < cycles('pt-churn.vmasm', 'bt', 'current'));
  assert.ok(cycles('pt-churn.vmasm', 'bt', 'early-vtx') < cycles('pt-churn.vmasm', 'vtx', 'early-vtx'));
  const trap = runProgram(example('pt-churn.vmasm'), { mode: 'trap' });
  assert.equal(trap.stats.memory.shadowUpdates, 398);
  const vtx = runProgram(example('pt-churn.vmasm'), { mode: 'vtx' });
  assert.equal(vtx.stats.vmexits.EXCEPTION_NMI ?? 0, 0);
  assert.equal(vtx.stats.vmexits.INVLPG ?? 0, 0);
});

test('lessons: a TLB-miss-heavy scan costs 14 references a miss under EPT, and shadow paging wins', () => {
  const vtx = runProgram(example('tlb-scan.vmasm'), { mode: 'vtx' });
  const native = runProgram(example('tlb-scan.vmasm'), { mode: 'native' });
  assert.ok(native.stats.memory.tlbMisses >= 5120);
  assert.equal(native.stats.memory.pageWalkReferences, 2 * native.stats.memory.tlbMisses);
  assert.ok(vtx.stats.memory.pageWalkReferences >= 14 * 5120);
  assert.ok(cycles('tlb-scan.vmasm', 'trap', 'current') < cycles('tlb-scan.vmasm', 'vtx', 'current'));
  assert.ok(cycles('tlb-scan.vmasm', 'bt', 'current') < cycles('tlb-scan.vmasm', 'vtx', 'current'));
});

test('lessons: mmu_update batches beat direct page-table stores under paravirt, in both eras', () => {
  for (const era of ['current', 'early-vtx'] as Era[]) {
    const r = runProgram(example('mmu-batch.vmasm'), { mode: 'paravirt', era });
    assert.equal(r.serial, 'mmu ok\n');
    assert.ok(r.registers.r7 * 5 < r.registers.r6, `${era}: batched ${r.registers.r7} vs direct ${r.registers.r6}`);
    assert.equal(r.stats.hypercalls, 1);
    assert.equal(r.stats.memory.shadowUpdates, 64);
  }
});

test('lessons: demand paging takes 4 guest page faults in every mode; the faithful modes equal native', () => {
  for (const era of ['current', 'early-vtx'] as Era[]) {
    const c = compareModes(example('demand-paging.vmasm'), { era });
    for (const m of c.modes) {
      assert.equal(m.result.stats.memory.guestPageFaults, 4, `${era} ${m.mode}`);
      assert.equal(m.result.serial, '4 page faults, heap ok\n');
      if (m.mode === 'emulate' || m.mode === 'bt' || m.mode === 'vtx') assert.ok(m.equivalentToNative, `${era} ${m.mode}: ${m.differences}`);
    }
  }
  assert.ok(MODES.length === 6);
});

test('memory snapshot: guest tables with bits, shadow or EPT entries, the last walk as the 2-D grid, the TLB', () => {
  // The stack and the IDT are touched first, so that the last TLB miss is the faulting load.
  const src = paged('push r0\npop r0\nmov r1, [idt]\nmov r0, [0x4000]\nmov r0, [0x400010]');
  const finish = (mode: Mode, era: Era = 'current') => {
    const sim = new Simulation(program(src), { mode, era });
    while (!sim.isFinished) sim.run();
    return sim;
  };
  const vtx = finish('vtx').memorySnapshot();
  assert.equal(vtx.technique, 'ept');
  assert.equal(vtx.paging, true);
  assert.equal(vtx.cr2, 0x400010);
  const pde0 = vtx.directory.find((d) => d.index === 0);
  assert.ok(pde0?.present && pde0.accessed && pde0.table.length === 16);
  assert.ok(pde0.table[4].accessed && !pde0.table[4].dirty);
  assert.ok(vtx.ept && vtx.ept.length > 0 && vtx.ept.every((e) => e.hostPhysical !== e.guestPhysical));
  // The last miss was the faulting one at 0x400010: directory entry (through 4 EPT levels) not present.
  const walk = vtx.lastWalk!;
  assert.equal(walk.linear, 0x400010);
  assert.equal(walk.eptLevels, 4);
  assert.deepEqual(walk.references.map((r) => [r.n, r.row, r.col]), [[1, 0, 0], [2, 0, 1], [3, 0, 2], [4, 0, 3], [5, 0, 4]]);
  assert.equal(walk.references.filter((r) => r.faulted).length, 1);
  assert.ok(walk.references[4].faulted);
  assert.ok(vtx.tlb.length > 0 && vtx.tlb.length <= 64);
  assert.equal(vtx.counters.guestPageFaults, 1);
  // A full 2-D walk: 14 references, 3 rows.
  const hit = new Simulation(program(paged('mov r0, [0x4000]\nmov r0, [0x5000]')), { mode: 'vtx' });
  while (!hit.isFinished) hit.run();
  const grid = hit.memorySnapshot().lastWalk!;
  assert.equal(grid.references.length, 14);
  assert.deepEqual([...new Set(grid.references.map((r) => r.row))], [0, 1, 2]);
  const trap = finish('trap').memorySnapshot();
  assert.equal(trap.technique, 'shadow');
  const current = trap.shadow!.find((t) => t.current)!;
  assert.ok(current.entries.some((e) => e.linear === 0x4000 && e.frame === 0x4000));
  assert.ok(trap.writeProtectedFrames.includes(0x8000) && trap.writeProtectedFrames.includes(0x9000));
  const sim = finish('native');
  const linear = sim.readGuestMemory(0x9000, 8);
  assert.deepEqual([...linear.mapped], Array(8).fill(true));
  assert.equal(linear.bytes[0] & 0x21, 0x21, 'the first identity entry: present and accessed');
  assert.equal(sim.readGuestMemory(0x400000, 4).mapped[0], false, 'not mapped');
  assert.equal(sim.readGuestMemory(0x9000, 4, 'physical').bytes[0], linear.bytes[0]);
  const before = JSON.stringify(sim.result());
  sim.memorySnapshot();
  assert.equal(JSON.stringify(sim.result()), before, 'a snapshot changes nothing');
});

test('cr2 is a register everywhere: the assembler, completion, hovers in both languages', () => {
  assert.ok(REGISTERS.includes('cr2'));
  for (const name of REGISTERS) {
    const info = registerInfo(name);
    assert.ok(info && info.summary.en && info.summary['zh-cn'], name);
    if (info.term) assert.ok(lookupTerm(info.term), info.term);
  }
  assert.match(registerInfo('CR2')!.summary.en, /page fault/);
  assert.equal(registerInfo('cr4'), undefined);
  assert.match(instructionInfo('mov')!.summary.en, /cr2/);
  const r = run('mov r0, 0x1234\nmov cr2, r0\nmov r1, cr2\nhlt');
  assert.equal(r.registers.r1, 0x1234);
  assert.equal(r.registers.cr2, 0x1234);
  const bad = assemble('mov r0, cr4\nhlt', { fileName: 'x.vmasm' });
  assert.match(bad.diagnostics[0].message, /expected cr0, cr2 or cr3/);
  const label = assemble('cr2: hlt', { fileName: 'x.vmasm' });
  assert.match(label.diagnostics[0].message, /register name/);
});

test('a page fault during delivery escalates: an unmapped stack ends in a triple fault that says why', () => {
  // Unmap the stack's page (0xF000) and fault: delivering #PF pushes on it, #DF too.
  const r = run(paged('mov r1, 0\nmov [0x903C], r1\ninvlpg [0xF000]\nmov r0, [0x400010]'));
  assert.equal(r.exit.reason, 'shutdown');
  assert.match(r.why?.en ?? '', /#PF .*page-faulted at 0xfff/);
  assert.ok(r.why?.['zh-cn']);
  assert.equal((r.registers.cr2 ?? 0) >>> 12, 0xf, 'cr2 holds the last fault, on the stack');
});

test('the import-free fast path uses the TLB constants of memory/tlb.ts and the MMU bound as literals', () => {
  const text = readFileSync(join(__dirname, '../../../src/core/sim/fastpath.ts'), 'utf8');
  assert.ok(text.includes(`m.cpl === 3 ? ${OK_READ_U} : ${OK_READ_K}, wbit = m.cpl === 3 ? ${OK_WRITE_U} : ${OK_WRITE_K}`));
  assert.ok(text.includes(`HI[v & ${HINT_MASK}]`));
  assert.ok(text.includes(`const LAST_WORD = 0x${LAST_WORD.toString(16)};`));
});

test('compare explains memory: who paid hidden faults, shadow updates, 2-D walks, and which hypervisor won', () => {
  const churn = compareModes(example('pt-churn.vmasm'));
  const note = churn.notes.find((n) => n.en.startsWith('Memory:'));
  assert.ok(note && note['zh-cn'].startsWith('内存：'));
  assert.match(note.en, /trap \(shadow page tables\) paid 805 hidden page faults and 398 shadow updates/);
  assert.match(note.en, /vtx \(EPT\) walked .* no exit for page faults/);
  assert.match(note.en, /hypervisors \(trap, bt, paravirt, vtx\): vtx/);
  assert.deepEqual(compareModes(program('mov r0, 1\nhlt')).notes, [], 'no paging, no memory note');
});

test('hypercall buffers go through paging: unmapped ones fail with -14 (EFAULT), and nothing is sent', () => {
  const console = run(paged('mov r0, 1\nmov r1, 0x3FFFFE\nmov r2, 4\nvmcall\nmov r5, r0'), 'paravirt');
  assert.equal(console.registers.r5 | 0, -14);
  assert.equal(console.serial, '');
  assert.equal(console.stats.memory.guestPageFaults, 0, 'the VMM reads the buffer: no guest #PF');
  const batch = run(paged('mov r0, 6\nmov r1, 0x400000\nmov r2, 1\nvmcall\nmov r5, r0'), 'vtx');
  assert.equal(batch.registers.r5 | 0, -14);
  const mapped = run(paged('mov r1, 0x6000\nmov [r1], 0x0A4B4F\nmov r0, 1\nmov r2, 3\nvmcall'), 'vtx');
  assert.equal(mapped.serial, 'OK\n');
});

test('the cost model\'s ept is the default of enableEpt; the control decides when given', () => {
  const technique = (options: Partial<ConstructorParameters<typeof Simulation>[1]>) => new Simulation(program('hlt'), { mode: 'vtx', ...options }).memorySnapshot().technique;
  assert.equal(technique({}), 'ept');
  assert.equal(technique({ era: 'early-vtx' }), 'shadow');
  assert.equal(technique({ costs: { ept: false } }), 'shadow');
  assert.equal(technique({ era: 'early-vtx', controls: { enableEpt: true } }), 'ept');
  assert.equal(new Simulation(program('hlt'), { mode: 'trap' }).memorySnapshot().technique, 'shadow');
  assert.equal(new Simulation(program('hlt'), { mode: 'paravirt' }).memorySnapshot().technique, 'pv-mmu');
  assert.equal(new Simulation(program('hlt'), { mode: 'emulate' }).memorySnapshot().technique, 'softmmu');
  assert.equal(new Simulation(program('hlt'), { mode: 'native' }).memorySnapshot().technique, 'none');
});
