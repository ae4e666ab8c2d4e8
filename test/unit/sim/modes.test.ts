import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_VMX_CONTROLS, VMX_CONTROLS, Simulation, type SimEvent } from '../../../src/core/sim';
import { IDT_DATA, IDT_SETUP, program, run, simulate } from './helpers';

const USER_ENTRY = `
    push 0x202
    push 3
    push user
    iret`;

test('trap: privileged instructions of the guest kernel trap and are emulated on the virtual CPU', () => {
  const sim = simulate('cli\nmov r0, 0x5000\nmov cr3, r0\nmov r1, cr3\nsti\nhlt', 'trap');
  const r = sim.result();
  assert.equal(r.stats.traps, 5);
  assert.equal(r.registers.r1, 0x5000, 'the guest reads back its own CR3');
  const s = sim.state();
  assert.equal(s.guest.cr3, 0x5000);
  assert.notEqual(s.real.cr3, 0x5000, 'the real CR3 is the shadow page table root');
  assert.equal(s.guest.cpl, 0);
  assert.equal(s.real.cpl, 1, 'ring deprivileging: the guest kernel runs at CPL 1');
  assert.equal(s.guest.if, true);
  assert.deepEqual(r.divergences, []);
});

test('trap: each sensitive unprivileged instruction diverges, with its line and an explanation', () => {
  const sim = simulate(`
    lidt [idtr]
    lgdt [idtr]
    pushf
    pop r0
    sidt [0x9000]
    sgdt [0x9010]
    smsw r1
    mov r2, cs
    push 0x200
    popf
    push cs
    pop r3
    hlt
idtr: .byte 0xFF, 0
    .word 0x8000`, 'trap');
  const r = sim.result();
  assert.deepEqual(r.divergences.map((d) => [d.line, d.instruction]), [
    [4, 'pushf'], [6, 'sidt'], [7, 'sgdt'], [8, 'smsw'], [9, 'mov'], [11, 'popf'], [12, 'push'],
  ]);
  for (const d of r.divergences) assert.ok(d.explanation.length > 40, d.explanation);
  assert.equal(r.registers.r0 & 0x200, 0x200, 'pushf showed the real IF = 1');
  assert.equal(r.registers.r2, 0x09, 'cs shows CPL 1');
  assert.equal(r.registers.flags & 0x200, 0, 'popf could not set the virtual IF');
  const details = sim.divergenceDetails();
  assert.deepEqual(details.map((d) => d.kind), ['pushf-if', 'sidt', 'sgdt', 'smsw', 'cs-cpl', 'popf-if', 'cs-cpl']);
  const sidt = details[1];
  assert.equal(sidt.expected, 0x8000);
  assert.ok(sidt.actual >= 0xc0000000, 'the VMM IDT lives high');
  assert.match(sidt.text['zh-cn'], /SIDT/);
  const native = run('pushf\npop r0\nhlt').registers.r0;
  assert.equal(native & 0x200, 0);
});

test('divergence texts compare with what bare metal really does, from the run\'s own values', () => {
  const smsw = simulate('smsw r1\nhlt', 'trap').divergenceDetails()[0];
  assert.match(smsw.text.en, /SMSW read 0x33, .* bare metal reads the guest's own 0x11\./);
  const pushf = simulate('add r0, 0\npushf\nhlt', 'trap').divergenceDetails()[0];
  assert.match(pushf.text.en, /^PUSHF pushed 0x246: .* bare metal pushes 0x46 \(IF = 0\)/);
  assert.match(pushf.text['zh-cn'], /裸机上压入 0x46/);
  // After a POPF lost IF = 1, bare metal has IF = 1: a later PUSHF matches it (0x202), no divergence,
  // and the lost POPF is explained with bare metal's flags.
  const sim = simulate('sti\npush 0x202\ncli\npopf\npushf\npop r1\nhlt', 'trap');
  const r = sim.result();
  assert.deepEqual(r.divergences.map((d) => d.instruction), ['popf']);
  assert.equal(r.registers.r1, 0x202, 'what bare metal pushes too');
  assert.equal(run('sti\npush 0x202\ncli\npopf\npushf\npop r1\nhlt').registers.r1, 0x202);
  assert.match(sim.divergenceDetails()[0].text.en, /POPF tried to change IF to 1 \(bare metal: flags 0x202, interrupts enabled\).* IF stays 0 \(flags 0x2\)/);
});

test('trap: guest faults and system calls are reflected through the virtual IDT', () => {
  const src = `
_start:
${IDT_SETUP}
${USER_ENTRY}
user:
    int 0x80
    mov r0, 1
    hlt
handler:
    inc r3
    pop r1
    pop r2
    pop r4
    mov r5, 0x202
    push r4
    push r2
    push r1
    cmp r3, 2
    jz done
    iret
done:
    out 0xF4, r3
${IDT_DATA}`;
  const native = run(src);
  const trap = simulate(src, 'trap');
  const r = trap.result();
  assert.equal(native.exit.reason, 'debug-exit');
  assert.deepEqual(r.exit, native.exit);
  assert.deepEqual(r.registers, native.registers);
  assert.ok(r.stats.traps >= 4, 'iret, int, hlt (#GP in user mode) all trapped');
  const events: string[] = [];
  const again = new Simulation(program(src), { mode: 'trap' });
  again.onEvent((e) => events.push(e.kind));
  again.run();
  assert.ok(events.includes('reflect'));
  assert.ok(events.includes('trap'));
  assert.ok(!events.includes('direct'), 'run() listeners never get direct events');
});

test('paravirt: hypercalls replace privileged instructions; the console prints a buffer with one hypercall', () => {
  const r = run(`
    mov r0, 1
    mov r1, msg
    mov r2, 3
    vmcall
    mov r6, r0
    mov r0, 2
    mov r1, 1
    vmcall
    pushf
    pop r7
    hlt
msg: .ascii "abc"`, 'paravirt');
  assert.equal(r.serial, 'abc');
  assert.equal(r.registers.r6, 3);
  assert.equal(r.stats.hypercalls, 2);
  assert.equal(r.registers.r7 & 0x200, 0x200, 'the hypercall set the virtual IF');
  assert.equal(r.divergences.length, 0, 'pushf shows the same IF now');
  assert.equal(run('vmcall\nhlt', 'trap').exit.reason, 'shutdown', 'the classic VMM has no hypercalls: #UD');
});

test('bt: kernel blocks are translated once, then hit in the cache; privileged ones become callouts', () => {
  const r = run(`
    mov r0, 10
loop:
    cli
    sti
    dec r0
    jnz loop
    hlt`, 'bt');
  assert.equal(r.stats.translatedBlocks, 3, 'entry block, loop body, exit block');
  assert.equal(r.stats.translationCacheHits, 8, 'the first pass ran inside the entry block');
  assert.equal(r.stats.callouts, 21, '20 cli/sti + hlt');
  assert.equal(r.stats.traps, 0);
  assert.equal(r.exit.reason, 'hlt');
  const redpill = run('lidt [d]\nsidt [0x9000]\nmov r0, [0x9002]\nmov r1, cs\nhlt\nd: .byte 7, 0\n.word 0x1234', 'bt');
  assert.equal(redpill.registers.r0, 0x1234, 'results are always right under bt');
  assert.equal(redpill.registers.r1, 8);
  assert.deepEqual(redpill.divergences, []);
});

test('bt: user code runs directly; its system calls trap into the VMM', () => {
  const r = run(`_start:\n${IDT_SETUP}\n${USER_ENTRY}\nuser:\n    int 0x80\nhandler:\n    hlt\n${IDT_DATA}`, 'bt');
  assert.equal(r.stats.traps, 1);
  assert.equal(r.exit.reason, 'hlt');
});

function exits(events: SimEvent[]) {
  return events.filter((e) => e.kind === 'vmexit').map((e) => e.vmExit!);
}

function allEvents(src: string, options: Partial<ConstructorParameters<typeof Simulation>[1]> = {}): SimEvent[] {
  const sim = new Simulation(program(src), { mode: 'vtx', ...options });
  const events: SimEvent[] = [];
  while (!sim.isFinished) events.push(...sim.step());
  return events;
}

test('vtx: I/O exits carry port, size and direction; serial goes to user space as KVM_EXIT_IO', () => {
  const events = allEvents('mov r0, 65\nout 0x3F8, r0\nin r1, 0x3FD\nhlt');
  assert.deepEqual(exits(events).map((e) => [e.reason, e.number, e.qualification]), [
    ['IO_INSTRUCTION', 30, { kind: 'io', port: 0x3f8, size: 1, direction: 'out' }],
    ['IO_INSTRUCTION', 30, { kind: 'io', port: 0x3fd, size: 1, direction: 'in' }],
    ['HLT', 12, undefined],
  ]);
  const kvm = events.filter((e) => e.kind === 'kvm-exit').map((e) => [e.kvmExit!.reason, e.kvmExit!.number]);
  assert.deepEqual(kvm, [['KVM_EXIT_IO', 2], ['KVM_EXIT_IO', 2], ['KVM_EXIT_HLT', 5]]);
  const last = events[events.length - 1];
  assert.equal(last.kind, 'halt');
  assert.deepEqual(last.exit, { reason: 'hlt', line: 4, why: { en: 'the processor halted at 0xc (line 4: hlt): no timer is armed to wake it', 'zh-cn': '处理器停机，位于 0xc（第 4 行：hlt）：没有设定可唤醒它的定时器' } });
});

test('vtx: the stages are separate events: VM exit, then KVM in the kernel or an exit to QEMU', () => {
  // Era early-vtx: no EPT, so the CR3 load exits (shadow paging).
  const events = allEvents('mov r0, 0x1000\nmov cr3, r0\nmov r1, 5\nout 0x40, r1\nout 0xF4, r1', { era: 'early-vtx' });
  const kinds = events.filter((e) => e.kind !== 'direct').map((e) => `${e.kind}:${e.layer}`);
  assert.deepEqual(kinds, [
    'vmexit:kvm', 'kvm-handled:kvm', 'emulated:kvm',
    'vmexit:kvm', 'kvm-handled:kvm',
    'vmexit:kvm', 'kvm-exit:qemu', 'device:qemu', 'halt:qemu',
  ]);
  const cr = exits(events)[0];
  assert.deepEqual(cr, { reason: 'CR_ACCESS', number: 28, qualification: { kind: 'cr', cr: 3, access: 'mov-to-cr', register: 'r0' } });
  for (const e of events) assert.ok(e.cycles >= 0 && e.text.en && e.text['zh-cn']);
});

test('vtx: every exit reason of the spec is reachable, with the controls', () => {
  const reasons = (src: string, controls = {}) => Object.keys(run(src, 'vtx', { controls }).stats.vmexits).sort();
  assert.deepEqual(reasons('mov r0, 0\ncpuid\nhlt'), ['CPUID', 'HLT']);
  assert.deepEqual(reasons('rdtsc\nhlt'), ['HLT']);
  assert.deepEqual(reasons('rdtsc\nhlt', { rdtscExiting: true }), ['HLT', 'RDTSC']);
  assert.deepEqual(reasons('invlpg [0x100]\nhlt', { invlpgExiting: true }), ['HLT', 'INVLPG']);
  assert.deepEqual(reasons('sidt [0x100]\nhlt', { descriptorTableExiting: true }), ['EPT_VIOLATION', 'GDTR_IDTR', 'HLT'], 'SIDT stores into a page EPT has not mapped yet');
  assert.deepEqual(reasons('mov r0, 1\nvmcall\nhlt'), ['HLT', 'VMCALL']);
  assert.deepEqual(reasons('mov r0, 0x80000001\nmov cr0, r0\nhlt'), ['CR_ACCESS', 'HLT']);
  assert.deepEqual(reasons('mov r0, 1\nmov cr0, r0\nhlt'), ['HLT'], 'PE and PG unchanged: no exit');
  assert.deepEqual(reasons('mov [0x10000], r0\nhlt'), ['EPT_VIOLATION', 'HLT']);
  assert.deepEqual(reasons('ud2'), ['EXCEPTION_NMI', 'TRIPLE_FAULT']);
  assert.deepEqual(reasons('hlt', { hltExiting: false }), []);
  const tick = run(`_start:\n${IDT_SETUP}\n    mov r0, 4\n    out 0x40, r0\n    sti\n    hlt\n    cli\n    hlt\nhandler: iret\n${IDT_DATA}`, 'vtx');
  assert.equal(tick.stats.vmexits.EXTERNAL_INTERRUPT, 1);
  assert.equal(tick.stats.kvmExits.KVM_EXIT_HLT, 1, 'the first hlt waits in KVM, the second ends the run');
});

test('vtx: triple fault ends with KVM_EXIT_SHUTDOWN; MMIO with KVM_EXIT_MMIO; console hypercall with KVM_EXIT_HYPERCALL', () => {
  const tf = run('ud2', 'vtx');
  assert.equal(tf.exit.reason, 'shutdown');
  assert.deepEqual(tf.stats.kvmExits, { KVM_EXIT_SHUTDOWN: 1 });
  assert.equal(tf.stats.vmexits.TRIPLE_FAULT, 1);
  assert.equal(run('mov [0x10000], r0\nhlt', 'vtx').stats.kvmExits.KVM_EXIT_MMIO, 1);
  const pv = run('mov r0, 1\nmov r1, m\nmov r2, 5\nvmcall\nhlt\nm: .ascii "hello"', 'vtx');
  assert.equal(pv.serial, 'hello');
  assert.deepEqual(pv.stats.kvmExits, { KVM_EXIT_HLT: 1, KVM_EXIT_HYPERCALL: 1 });
  const uart = run('mov r1, m\nl: mov r0, [r1]\nand r0, 0xFF\njz e\nout 0x3F8, r0\ninc r1\njmp l\ne: hlt\nm: .asciz "hello"', 'vtx');
  assert.equal(uart.serial, 'hello');
  assert.equal(uart.stats.kvmExits.KVM_EXIT_IO, 5, 'one exit per byte over the UART');
});

test('vtx: controls have the spec defaults and documentation', () => {
  assert.equal(DEFAULT_VMX_CONTROLS.hltExiting, true);
  assert.equal(DEFAULT_VMX_CONTROLS.unconditionalIoExiting, true);
  // Spec v2: with EPT (era current) KVM turns CR3-load, INVLPG and #PF exiting off.
  assert.equal(DEFAULT_VMX_CONTROLS.cr3LoadExiting, false);
  assert.equal(DEFAULT_VMX_CONTROLS.invlpgExiting, false);
  assert.equal(DEFAULT_VMX_CONTROLS.enableEpt, true);
  assert.equal(DEFAULT_VMX_CONTROLS.enableVpid, true);
  assert.equal(DEFAULT_VMX_CONTROLS.rdtscExiting, false);
  assert.deepEqual(VMX_CONTROLS.map((c) => c.id).sort(), Object.keys(DEFAULT_VMX_CONTROLS).sort());
  for (const c of VMX_CONTROLS) {
    assert.equal(c.defaultValue, DEFAULT_VMX_CONTROLS[c.id]);
    assert.ok(c.description.en && c.description['zh-cn'] && c.sdmName);
  }
  const off = run('mov r0, 0x1000\nmov cr3, r0\nhlt', 'vtx', { controls: { cr3LoadExiting: false } });
  assert.equal(off.stats.vmexits.CR_ACCESS, undefined);
  const on = run('mov r0, 0x1000\nmov cr3, r0\nhlt', 'vtx', { controls: { cr3LoadExiting: true } });
  assert.equal(on.stats.vmexits.CR_ACCESS, 1);
  const early = new Simulation(program('hlt'), { mode: 'vtx', era: 'early-vtx', controls: { cr3LoadExiting: false } });
  assert.equal(early.controls.cr3LoadExiting, true, 'without EPT KVM needs CR3-load exiting and sets it itself');
  assert.equal(early.controls.enableEpt, false);
  assert.equal(early.controls.enableVpid, false);
  for (const c of VMX_CONTROLS) if (c.eraDefaults) assert.equal(c.eraDefaults.current, c.defaultValue, c.id);
});

test('vtx: guest and real CPU state are the same; sidt is no red pill', () => {
  const sim = simulate('lidt [d]\nsidt [0x9000]\nmov r0, [0x9002]\nhlt\nd: .byte 7, 0\n.word 0x1234', 'vtx');
  assert.equal(sim.result().registers.r0, 0x1234);
  assert.deepEqual(sim.state().guest, sim.state().real);
});

test('emulate: every instruction is emulated; results match native', () => {
  const r = run('mov r0, 2\nadd r0, 3\nout 0x3F8, r0\nhlt', 'emulate');
  assert.equal(r.stats.emulated, r.stats.instructions);
  assert.equal(r.stats.direct, 0);
  assert.equal(r.registers.r0, 5);
});

test('the halt hypercall ends like HLT: KVM_EXIT_HLT under vtx, hlt under paravirt', () => {
  for (const mode of ['vtx', 'paravirt'] as const) {
    const r = run('mov r0, 5\nvmcall\nmov r1, 1', mode);
    assert.deepEqual(r.exit, { reason: 'hlt', line: 2 }, mode);
    if (mode === 'vtx') assert.deepEqual(r.stats.kvmExits, { KVM_EXIT_HLT: 1 });
  }
  assert.equal(run('mov r0, 99\nvmcall\nhlt', 'vtx').registers.r0, 0xfffffc18, 'unknown hypercall: -KVM_ENOSYS');
});
