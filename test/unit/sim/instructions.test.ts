import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../../src/core/sim';
import { IDT_DATA, IDT_SETUP, program, run, simulate } from './helpers';

const CF = 1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, IF = 0x200, OF = 0x800;

test('initial state: sp at the top of memory, flags = 2 (bit 1), CPL 0, IF = 0', () => {
  const r = run('hlt');
  assert.equal(r.registers.sp, 0x10000);
  assert.equal(r.registers.flags, 2);
  assert.equal(r.registers.cpl, 0);
  assert.deepEqual([r.registers.cr0, r.registers.cr2, r.registers.cr3], [0x11, 0, 0], 'CR0 = PE | ET at reset');
});

test('add/sub wrap modulo 2^32 and set all six flags as x86; cmp sets them without storing', () => {
  let r = run('mov r0, 0xFFFFFFFF\nadd r0, 1\nhlt');
  assert.equal(r.registers.r0, 0);
  assert.equal(r.registers.flags, 2 | CF | PF | AF | ZF);
  r = run('mov r0, 1\nsub r0, 2\nhlt');
  assert.equal(r.registers.r0, 0xffffffff);
  assert.equal(r.registers.flags, 2 | CF | PF | AF | SF);
  r = run('mov r0, 5\ncmp r0, 5\nhlt');
  assert.equal(r.registers.r0, 5);
  assert.equal(r.registers.flags, 2 | PF | ZF);
  r = run('mov r0, 0x7FFFFFFF\nadd r0, 1\nhlt');
  assert.equal(r.registers.flags, 2 | PF | AF | SF | OF, 'signed overflow is OF, not a carry');
});

test('logic clears CF and OF; shifts and mul set CF and OF as x86; inc and dec leave CF alone', () => {
  const cases: [string, number, number][] = [
    ['mov r0, 0xF0\nand r0, 0x0F', 0, 2 | PF | ZF],
    ['mov r0, 0x80000000\nor r0, 1', 0x80000001, 2 | SF],
    ['mov r0, 6\nxor r0, 3', 5, 2 | PF],
    ['mov r0, 0\nsub r0, 1\nmov r0, 6\nxor r0, 3', 5, 2 | PF],
    // OF is undefined for counts above 1; the simulator keeps the count-1 rule (see UNDEFINED_FLAGS).
    ['mov r0, 1\nshl r0, 31', 0x80000000, 2 | PF | SF | OF],
    ['mov r0, 0x40000000\nshl r0, 1', 0x80000000, 2 | PF | SF | OF],
    ['mov r0, 0xC0000000\nshl r0, 1', 0x80000000, 2 | CF | PF | SF],
    ['mov r0, 0x80000000\nshr r0, 31', 1, 2],
    ['mov r0, 0x80000001\nshr r0, 1', 0x40000000, 2 | CF | PF | OF],
    ['mov r0, 0\nsub r0, 1\nmov r0, 5\nshl r0, 32', 5, 2 | CF | PF | AF | SF],
    ['mov r0, 0x10000\nmul r0, 0x10000', 0, 2 | CF | PF | ZF | OF],
    ['mov r0, 0x10000\nmul r0, 0x8000', 0x80000000, 2 | PF | SF],
    ['mov r0, -1\ninc r0', 0, 2 | PF | AF | ZF],
    ['mov r0, 0\ndec r0', 0xffffffff, 2 | PF | AF | SF],
    ['mov r0, 0x7FFFFFFF\ninc r0', 0x80000000, 2 | PF | AF | SF | OF],
    ['mov r0, 0\nsub r0, 1\nmov r0, 2\ninc r0', 3, 2 | CF | PF],
  ];
  for (const [src, value, flags] of cases) {
    const r = run(`${src}\nhlt`);
    assert.equal(r.registers.r0, value, src);
    assert.equal(r.registers.flags, flags, src);
  }
});

test('popf at CPL 0 loads every modelled flag; pushf pushes them back; unmodelled bits read 0', () => {
  const r = run('push 0xFFFFFFFF\npopf\npushf\npop r1\npush 0\npopf\npushf\npop r2\nhlt');
  assert.equal(r.registers.r1, 2 | CF | PF | AF | ZF | SF | IF | OF);
  assert.equal(r.registers.r2, 2);
});

test('memory forms of arithmetic; memory is little-endian and words may be unaligned', () => {
  const sim = simulate(`
    mov r1, 0x9001
    mov [r1], 0x11223344
    add [r1], 1
    mov r2, [r1]
    add r2, [r1]
    inc [r1]
    push [r1]
    pop r3
    hlt`);
  const s = sim.state();
  assert.equal(s.registers.r2, 0x2244668a);
  assert.equal(s.registers.r3, 0x11223346);
  assert.deepEqual([...sim.readMemory(0x9001, 4)], [0x46, 0x33, 0x22, 0x11]);
});

test('signed and unsigned conditional jumps', () => {
  const taken = (a: number, b: number, j: string) =>
    run(`mov r0, ${a}\ncmp r0, ${b}\n${j} yes\nmov r1, 0\nhlt\nyes: mov r1, 1\nhlt`).registers.r1 === 1;
  assert.ok(taken(-1, 1, 'jl'));
  assert.ok(!taken(-1, 1, 'jb'), '0xFFFFFFFF is not below 1 unsigned');
  assert.ok(taken(-1, 1, 'ja'));
  assert.ok(taken(2, 1, 'jg') && taken(1, 1, 'jge') && taken(1, 1, 'jle') && taken(1, 1, 'je') && taken(2, 1, 'jne'));
  assert.ok(!taken(1, 1, 'jg') && !taken(1, 2, 'jge') && !taken(1, 1, 'jnz'));
  assert.ok(taken(-0x80000000, 1, 'jl'), 'overflowing comparison still orders correctly');
  // The signed jumps read SF and OF as loaded by popf, not a hidden copy.
  const jumps = (flags: number, j: string) => run(`push ${flags}\npopf\n${j} yes\nmov r1, 0\nhlt\nyes: mov r1, 1\nhlt`).registers.r1 === 1;
  assert.ok(jumps(OF, 'jl') && !jumps(OF | SF, 'jl') && jumps(SF, 'jl') && !jumps(0, 'jl'));
  assert.ok(jumps(0, 'jg') && !jumps(ZF, 'jg') && !jumps(OF, 'jg') && jumps(OF | SF, 'jg'));
  assert.ok(jumps(CF, 'jb') && !jumps(0, 'jb') && jumps(0, 'ja') && !jumps(ZF, 'ja'));
});

test('call, ret, push and pop use the stack; mov, jumps, push and pop leave flags alone', () => {
  const r = run(`
    mov r0, 1
    cmp r0, 1
    call f
    push 7
    pop r2
    hlt
f:  mov r1, sp
    ret`);
  assert.equal(r.registers.r1, 0x10000 - 4);
  assert.equal(r.registers.r2, 7);
  assert.equal(r.registers.sp, 0x10000);
  assert.equal(r.registers.flags, 2 | PF | ZF);
});

test('serial port: out 0x3F8 writes bytes, in 0x3FD reads line status with bit 5 set', () => {
  const r = run(`mov r0, 'H'\nout 0x3F8, r0\nmov r0, 0x169\nout 0x3F8, r0\nin r1, 0x3FD\nhlt`);
  assert.equal(r.serial, 'Hi');
  assert.equal(r.registers.r1 & 0x20, 0x20);
});

test('debug-exit port 0xF4 (1 byte wide) stops with code ((r & 0xFF) << 1) | 1 and the line', () => {
  const r = run('mov r0, 3\n\nout 0xF4, r0\nmov r0, 9');
  assert.deepEqual(r.exit, { reason: 'debug-exit', code: 7, line: 3 });
  assert.equal(r.why?.en.includes('code (0x3 << 1) | 1 = 7'), true, r.why?.en);
  assert.equal(r.registers.r0, 3);
  // Only the low byte reaches the port, as `out dx, al` on QEMU's isa-debug-exit (iosize 1).
  assert.equal(run('mov r0, 0x1FF\nout 0xF4, r0').exit.code, 0x1ff);
  assert.equal(run('mov r0, 0x100\nout 0xF4, r0').exit.code, 1);
});

test('hlt stops with exit hlt at its line; falling off the code without an IDT triple-faults and says where', () => {
  const h = run('nop\nhlt');
  assert.deepEqual(h.exit, { reason: 'hlt', line: 2 });
  assert.match(h.why?.en ?? '', /line 2: hlt\): no timer is armed/);
  const off = run('nop\nnop');
  assert.deepEqual(off.exit, { reason: 'shutdown', line: 0 });
  assert.equal(off.why?.en, '#UD at 0x8: execution ran past the last instruction (line 2); no IDT is loaded: double fault, then triple fault, and the processor shuts down');
  assert.match(off.why?.['zh-cn'] ?? '', /最后一条指令（第 2 行）/);
  const data = run('nop\njmp over\n.word 0\nover: nop');
  assert.match(data.why?.en ?? '', /^#UD at 0x10: execution ran past the last instruction \(line 4\)/);
  const wild = run('jmp 0x400');
  assert.match(wild.why?.en ?? '', /^#UD at 0x400: no instruction there/);
  const ud = run('nop\nud2');
  assert.match(ud.why?.en ?? '', /^#UD at 0x4 \(line 2: ud2\); no IDT is loaded/);
});

test('privileged instructions at CPL 3 raise #GP (13) through the IDT; iret enters user mode', () => {
  const r = run(`
_start:
${IDT_SETUP}
    push 0x202        ; flags: IF = 1
    push 3            ; CPL 3
    push user
    iret
user:
    mov r0, 1
    cli               ; #GP at CPL 3
    mov r0, 2
handler:
    pop r1            ; return address (the faulting cli)
    pop r2            ; old CPL
    pop r3            ; flags
    mov r4, cs
    hlt
${IDT_DATA}`);
  assert.equal(r.registers.r0, 1);
  assert.equal(r.registers.r2, 3, 'the old CPL was 3');
  assert.equal(r.registers.r3, 0x202, 'flags with IF = 1 were pushed');
  assert.equal(r.registers.r4, 0x08, 'the handler runs at CPL 0');
  assert.equal(r.registers.cpl, 0);
  assert.equal(r.registers.flags & IF, 0, 'delivery cleared IF');
  assert.equal(r.exit.reason, 'hlt');
});

test('user mode: cs reads 0x1B; int n delivers with the next address; iret returns', () => {
  const r = run(`
_start:
${IDT_SETUP}
    push 0x202
    push 3
    push user
    iret
user:
    mov r5, cs
    int 0x30
    mov r6, cs
    out 0xF4, r6      ; #GP: back to the handler, which stops
handler:
    cmp r5, 0x1B
    jnz stop
    mov r5, 0
    iret
stop:
    hlt
${IDT_DATA}`);
  assert.equal(r.registers.r6, 0x1b);
  assert.equal(r.exit.reason, 'hlt');
});

test('sensitive instructions on bare metal show the real (= guest) state', () => {
  const r = run(`
    sti
    pushf
    pop r0
    smsw r1
    mov r2, cs
    push cs
    pop r3
    lgdt [gd]
    sgdt [0x9000]
    mov r4, [0x9002]
    push 0
    popf
    pushf
    pop r5
    hlt
gd: .byte 0x17, 0
    .word 0x5000`);
  assert.equal(r.registers.r0, 0x202);
  assert.equal(r.registers.r1, 0x11, 'CR0.PE | CR0.ET, as every CPU since the 486 reports');
  assert.equal(r.registers.r2, 8);
  assert.equal(r.registers.r3, 8);
  assert.equal(r.registers.r4, 0x5000);
  assert.equal(r.registers.r5, 2, 'popf at CPL 0 cleared IF');
});

test('cpuid: vendor, hypervisor bit and signature per mode, exactly as the spec', () => {
  const src = (leaf: number) => `mov r0, ${leaf}\ncpuid\nhlt`;
  const sig = (mode: 'native' | 'vtx' | 'emulate' | 'bt' | 'trap' | 'paravirt') => {
    const r = run(src(0x40000000), mode).registers;
    return Buffer.from(new Uint32Array([r.r1, r.r2, r.r3]).buffer).toString('latin1');
  };
  const vendor = run(src(0)).registers;
  assert.equal(Buffer.from(new Uint32Array([vendor.r1, vendor.r3, vendor.r2]).buffer).toString('latin1'), 'GenuineIntel');
  assert.equal(sig('vtx'), 'KVMKVMKVM\0\0\0');
  assert.equal(sig('emulate'), 'TCGTCGTCGTCG');
  assert.equal(sig('bt'), 'VMwareVMware');
  for (const m of ['native', 'trap', 'paravirt'] as const) {
    assert.equal(sig(m), '\0'.repeat(12), m);
    assert.equal(run(src(1), m).registers.r2 >>> 31, 0, m);
  }
  for (const m of ['vtx', 'emulate', 'bt'] as const) assert.equal(run(src(1), m).registers.r2 >>> 31, 1, m);
});

test('bt: user-mode CPUID runs directly and gets the real processor\'s answer (no signature)', () => {
  const user = (leaf: number) => `
    push 0x2
    push 3
    push user
    iret
user:
    mov r0, ${leaf}
    cpuid
    mov r4, 0
    mov [0x9000], r4
    hlt`;
  for (const leaf of [1, 0x40000000]) {
    const bt = run(user(leaf), 'bt');
    const native = run(user(leaf), 'native');
    assert.deepEqual([bt.registers.r0, bt.registers.r1, bt.registers.r2, bt.registers.r3],
      [native.registers.r0, native.registers.r1, native.registers.r2, native.registers.r3], `leaf ${leaf}`);
    assert.equal(bt.stats.callouts, run(user(leaf).replace('cpuid', 'nop'), 'bt').stats.callouts, 'no callout for it: the translator never saw it');
  }
  assert.equal(run(user(1), 'bt').registers.r2 >>> 31, 0);
});

test('rdtsc reads the cycle count (r0 low, r3 high) and grows', () => {
  const r = run('rdtsc\nmov r1, r0\nnop\nnop\nrdtsc\nhlt');
  assert.ok(r.registers.r0 > r.registers.r1);
  assert.equal(r.registers.r3, 0);
});

test('vmcall is a hypercall only under paravirt and vtx; #UD elsewhere, as on bare metal', () => {
  assert.equal(run('vmcall\nhlt').exit.reason, 'shutdown');
  assert.deepEqual(run('nop\nud2').exit, { reason: 'shutdown', line: 2 });
  const src = `_start:\n${IDT_SETUP}\n    mov r0, 99\n    vmcall\n    mov r1, 1\n    hlt\nhandler: pop r1\n    hlt\n${IDT_DATA}`;
  for (const mode of ['native', 'emulate', 'bt', 'trap'] as const) {
    const r = run(src, mode);
    assert.equal(r.exit.reason, 'hlt', mode);
    assert.equal(r.registers.r1, 9 * 4, `${mode}: #UD, the return address being the faulting vmcall`);
    assert.equal(r.stats.hypercalls, 0, mode);
  }
  for (const mode of ['paravirt', 'vtx'] as const) {
    const r = run(src, mode);
    assert.deepEqual([r.registers.r0, r.registers.r1, r.stats.hypercalls], [(-1000) >>> 0, 1, 1], mode);
  }
});

test('a vector outside the IDT limit escalates to a double fault, delivered if vector 8 fits', () => {
  const r = run(`
    lidt [idtr]
    int 20
dfh: mov r0, 8
    hlt
.org 0x8000
    .word 0, 0, 0, 0, 0, 0, 0, 0, dfh
idtr: .byte 35, 0
    .word 0x8000`);
  assert.equal(r.registers.r0, 8);
  assert.equal(r.exit.reason, 'hlt');
});

test('timer on port 0x40: vector 32 every N instructions while IF = 1; hlt waits for it', () => {
  const r = run(`
_start:
${IDT_SETUP}
    mov r0, 10
    out 0x40, r0
    sti
    hlt
    mov r1, 0
    out 0x40, r1
    hlt
handler:
    inc r2
    iret
${IDT_DATA}`);
  assert.equal(r.registers.r2, 1, 'one tick woke the hlt');
  assert.equal(r.exit.reason, 'hlt');
  const spin = run(`_start:\n${IDT_SETUP}\n    mov r0, 5\n    out 0x40, r0\n    sti\nloop: cmp r2, 3\n    jnz loop\n    cli\n    hlt\nhandler: inc r2\n    iret\n${IDT_DATA}`);
  assert.equal(spin.registers.r2, 3);
  const masked = run(`_start:\n${IDT_SETUP}\n    mov r0, 5\n    out 0x40, r0\n    mov r3, 100\nloop: dec r3\n    jnz loop\n    hlt\nhandler: inc r2\n    iret\n${IDT_DATA}`);
  assert.equal(masked.registers.r2, 0, 'no tick while IF = 0');
});

test('MMIO console just above RAM: DATA and a doorbell for whole buffers', () => {
  const r = run(`
    mov r0, 'X'
    mov [0x10000], r0
    mov [0x10004], msg
    mov [0x10008], 3
    mov [0x1000C], 1
    mov r1, [0x20000]
    hlt
msg: .ascii "abc"`);
  assert.equal(r.serial, 'Xabc');
  assert.equal(r.registers.r1, 0xffffffff, 'open bus reads all ones');
});

test('STI shadow: an interrupt due at STI waits until the instruction after it ran, so sti; hlt wakes up', () => {
  // The timer fires after one instruction with IF = 1 (the CLI), then waits for IF.
  const src = `_start:
${IDT_SETUP}
    sti
    mov r0, 1
    out 0x40, r0      ; a tick every instruction run with IF = 1
    cli               ; the tick falls due here, with IF = 0: pending
    sti               ; enables interrupts only after the next instruction
    hlt               ; so the pending tick wakes this HLT instead of coming before it
after_hlt:
    mov r3, 7
    hlt
handler:
    pop r2            ; the return address
    mov r0, 0
    out 0x40, r0
    hlt
${IDT_DATA}`;
  for (const mode of ['native', 'vtx', 'trap', 'bt', 'emulate'] as const) {
    for (const compile of [false, true]) {
      const sim = simulate(src, mode, { compile });
      const s = sim.state();
      const afterHlt = sim.program.symbols.get('after_hlt');
      assert.equal(s.registers.r2, afterHlt, `${mode}: the tick came after HLT, not between STI and HLT`);
      assert.equal(s.exit?.reason, 'hlt', mode);
    }
  }
  // Stepping one instruction at a time gives the same.
  const stepped = new Simulation(program(src), { mode: 'native' });
  while (!stepped.isFinished) stepped.step();
  assert.equal(stepped.state().registers.r2, stepped.program.symbols.get('after_hlt'));
});
