// The Memory tab's pure parts: the address box, bits in words, the hex rows, the walk grid's
// layout (checked on the demand-paging lesson itself) and the fingerprints that skip redraws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble, Simulation, type Mode, type Registers, type WalkGridView } from '../../../src/core/sim';
import {
  bitFlags, bitsInWords, entryNumbers, fingerprint, hex32, hexRows, parseAddressInput, resolveAddress, separators, walkGrid, type BitWords,
} from '../../../src/webview/memoryModel';

test('the address box takes 0x hex, decimal and register names; anything else is an error with a reason', () => {
  assert.deepEqual(parseAddressInput('0x400000'), { kind: 'address', address: 0x400000 });
  assert.deepEqual(parseAddressInput('  0X40_0010 '), { kind: 'address', address: 0x400010 });
  assert.deepEqual(parseAddressInput('4096'), { kind: 'address', address: 4096 });
  assert.deepEqual(parseAddressInput('0xffffffff'), { kind: 'address', address: 0xffffffff });
  assert.deepEqual(parseAddressInput('SP'), { kind: 'register', register: 'sp' });
  assert.deepEqual(parseAddressInput('cr2'), { kind: 'register', register: 'cr2' });
  assert.deepEqual(parseAddressInput(''), { kind: 'error', reason: 'empty' });
  assert.deepEqual(parseAddressInput('   '), { kind: 'error', reason: 'empty' });
  for (const bad of ['zz', '0x', '400000h', '12ab', '-4', '0x4g', 'r8', '1__0', '0x_1', '1.5', '1e3']) {
    assert.deepEqual(parseAddressInput(bad), { kind: 'error', reason: 'syntax' }, bad);
  }
  assert.deepEqual(parseAddressInput('0x100000000'), { kind: 'error', reason: 'range' });
  assert.deepEqual(parseAddressInput('99999999999999999999'), { kind: 'error', reason: 'range' });
  assert.deepEqual(parseAddressInput('9'.repeat(200)), { kind: 'error', reason: 'syntax' }, 'a huge input is refused before parsing');
});

test('a register is read when the view refreshes, as an unsigned address', () => {
  const regs = { r0: 0, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0, r6: 0x400000, r7: -4, sp: 0xfff0, pc: 8, flags: 2, cpl: 0, cr0: 0x80000011, cr2: 0x401010, cr3: 0x8000 } satisfies Registers;
  assert.equal(resolveAddress({ kind: 'register', register: 'r6' }, regs), 0x400000);
  assert.equal(resolveAddress({ kind: 'register', register: 'r7' }, regs), 0xfffffffc);
  assert.equal(resolveAddress({ kind: 'register', register: 'cr2' }, regs), 0x401010);
  assert.equal(resolveAddress({ kind: 'address', address: 12 }, undefined), 12);
  assert.equal(resolveAddress({ kind: 'error', reason: 'syntax' }, regs), undefined);
  assert.equal(hex32(-1), '0xffffffff');
});

const WORDS: BitWords = {
  present: 'present', notPresent: 'not present', writable: 'writable', readOnly: 'read-only', user: 'user',
  supervisor: 'supervisor only', accessed: 'accessed', notAccessed: 'not accessed', dirty: 'dirty', clean: 'clean',
};

test('bits read as flags and, for screen readers, in words (D only for table entries)', () => {
  const pte = { present: true, writable: true, user: false, accessed: true, dirty: true };
  assert.deepEqual(bitFlags(pte, true), ['P', 'RW', 'S', 'A', 'D']);
  assert.deepEqual(bitFlags({ ...pte, present: false, writable: false, user: true, accessed: false }, false), ['-', 'R', 'U', '-']);
  assert.equal(bitsInWords(pte, true, WORDS), 'present, writable, supervisor only, accessed, dirty');
  assert.equal(bitsInWords({ ...pte, dirty: false }, false, WORDS), 'present, writable, supervisor only, accessed');
  assert.equal(bitsInWords({ present: false, writable: false, user: true, accessed: false, dirty: false }, true, WORDS), 'not present, read-only, user, not accessed, clean');
});

test('in Chinese the words are joined with Chinese punctuation', () => {
  const zh: BitWords = { present: '存在', notPresent: '不存在', writable: '可写', readOnly: '只读', user: '用户可访问', supervisor: '仅内核', accessed: '已访问', notAccessed: '未访问', dirty: '已写（脏）', clean: '未写' };
  const pte = { present: true, writable: false, user: true, accessed: false, dirty: false };
  assert.equal(bitsInWords(pte, true, zh, separators('zh-cn').list), '存在，只读，用户可访问，未访问，未写');
  assert.deepEqual(separators('zh-cn'), { list: '，', clause: '；' });
  assert.deepEqual(separators('en'), { list: ', ', clause: '; ' });
});

test('hex rows: 16 bytes a row, unmapped bytes as null, printable ASCII beside', () => {
  const bytes = Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i);
  const mapped = Array.from({ length: 20 }, (_, i) => i < 18);
  bytes[1] = 0x0a;
  const rows = hexRows(0xfffffff8, bytes, mapped);
  assert.equal(rows.length, 2);
  assert.equal(rows[0]!.address, 0xfffffff8);
  assert.equal(rows[1]!.address, 0x00000008, 'addresses wrap at 32 bits');
  assert.equal(rows[0]!.bytes.length, 16);
  assert.equal(rows[0]!.text, 'A.CDEFGHIJKLMNOP');
  assert.deepEqual(rows[1]!.bytes, [0x51, 0x52, null, null]);
  assert.equal(rows[1]!.text, 'QR  ');
});

function demandPaging(mode: Mode): Simulation {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'demand-paging.vmasm'), 'utf8');
  return new Simulation(assemble(text).program!, { mode, era: 'current' });
}

/** Steps until `want` holds for the last walk (or the program ends). */
function stepUntil(sim: Simulation, want: (w: WalkGridView) => boolean): WalkGridView | undefined {
  while (!sim.isFinished) {
    sim.step();
    const w = sim.memorySnapshot().lastWalk;
    if (w && want(w)) return w;
  }
  return undefined;
}

test('the demand-paging lesson under vtx (current): a 3 × 5 grid of 14 references numbered in order, and a faulted walk marked', () => {
  const sim = demandPaging('vtx');
  const full = stepUntil(sim, (w) => w.paging && w.references.length === 14)!;
  assert.ok(full, 'a full 2-D walk happens');
  const grid = walkGrid(full);
  assert.equal(grid.rows, 3);
  assert.equal(grid.columns, 5);
  const numbers = grid.cells.flat().filter((c) => c !== undefined).map((c) => c!.n);
  assert.equal(numbers.length, 14);
  assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: 14 }, (_, i) => i + 1));
  // Row by row, left to right: 4 EPT references then the guest's entry, then the data page's 4.
  assert.deepEqual(grid.cells.map((row) => row.map((c) => c?.n ?? 0)), [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 0]]);
  assert.equal(grid.faulted, undefined);

  const faulted = stepUntil(sim, (w) => w.references.some((r) => r.faulted))!;
  const g = walkGrid(faulted);
  assert.equal(g.faulted?.n, faulted.references.length, 'the faulting reference is the last one made');
  assert.equal(g.faulted?.col, 4, 'the guest entry faulted, not an EPT level');
  assert.equal(g.cells[2]!.every((c) => c === undefined), true, 'no data page reference after a fault');
});

test('without EPT (trap: shadow paging) the grid is 2 × 1: directory entry, table entry', () => {
  const sim = demandPaging('trap');
  const w = stepUntil(sim, (x) => x.paging)!;
  const grid = walkGrid(w);
  assert.equal(grid.columns, 1);
  assert.equal(grid.rows, 2);
  assert.deepEqual(grid.cells.map((row) => row[0]?.n), [1, 2]);
});

test('fingerprints: equal for equal content, different when an entry or the order changes', () => {
  const a = [{ index: 0, value: 0x9003, table: [{ index: 1, value: 0x1023 }] }];
  const same = [{ index: 0, value: 0x9003, table: [{ index: 1, value: 0x1023 }] }];
  const dirty = [{ index: 0, value: 0x9003, table: [{ index: 1, value: 0x1063 }] }];
  assert.equal(fingerprint(entryNumbers(a)), fingerprint(entryNumbers(same)));
  assert.notEqual(fingerprint(entryNumbers(a)), fingerprint(entryNumbers(dirty)));
  assert.notEqual(fingerprint([1, 2]), fingerprint([2, 1]));
  assert.notEqual(fingerprint([]), fingerprint([0]));
});

test('a snapshot of an unchanged machine gives the same fingerprint (the view does not redraw)', () => {
  const sim = demandPaging('vtx');
  stepUntil(sim, (w) => w.paging);
  const one = sim.memorySnapshot();
  const two = sim.memorySnapshot();
  assert.equal(fingerprint(entryNumbers(one.directory)), fingerprint(entryNumbers(two.directory)));
  sim.step();
  sim.run(1000);
  const later = sim.memorySnapshot();
  assert.notEqual(fingerprint(entryNumbers(one.directory)), fingerprint(entryNumbers(later.directory)), 'the handler mapped heap pages since');
});
