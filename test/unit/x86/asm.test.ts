import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abs, Assembler, EAX, EBP, EBX, ECX, EDI, EDX, ESI, ESP, Label, mem, OPCODE, reg } from '../../../src/core/x86/asm';

/** A label already bound at `at` (jump forms are assembled at 0x1000). */
const at = (address: number) => {
  const l = new Label();
  l.at = address;
  return l;
};
const L = () => at(0x1000);

/**
 * Each form with the bytes the encoder produced at 0x1000 and what
 * `objdump -D -b binary -mi386 -Mintel --adjust-vma=0x1000` read back (checked during development).
 */
const FORMS: [string, string, (a: Assembler) => void][] = [
  ['mov ebx,eax', '89c3', (a) => a.aluRmReg('mov', reg(EBX), EAX)],
  ['add DWORD PTR [esp],ecx', '010c24', (a) => a.aluRmReg('add', mem(ESP, 0), ECX)],
  ['sub DWORD PTR [ebp+0x0],edx', '295500', (a) => a.aluRmReg('sub', mem(EBP, 0), EDX)],
  ['and DWORD PTR [esi+0x8],edi', '217e08', (a) => a.aluRmReg('and', mem(ESI, 8), EDI)],
  ['or DWORD PTR [edi-0x200],ebp', '09af00feffff', (a) => a.aluRmReg('or', mem(EDI, -0x200), EBP)],
  ['xor DWORD PTR ds:0x9000,esp', '312500900000', (a) => a.aluRmReg('xor', abs(0x9000), ESP)],
  ['cmp DWORD PTR [esp+0x7f],eax', '3944247f', (a) => a.aluRmReg('cmp', mem(ESP, 0x7f), EAX)],
  ['mov eax,DWORD PTR [ebx]', '8b03', (a) => a.aluRegMem('mov', EAX, mem(EBX, 0))],
  ['add ecx,DWORD PTR [esp+0x80]', '038c2480000000', (a) => a.aluRegMem('add', ECX, mem(ESP, 0x80))],
  ['cmp edx,DWORD PTR [ebp-0x4]', '3b55fc', (a) => a.aluRegMem('cmp', EDX, mem(EBP, -4))],
  ['mov esi,0x12345678', 'be78563412', (a) => a.aluRmImm('mov', reg(ESI), 0x12345678)],
  ['mov DWORD PTR [ebx+0x4],0xffffffff', 'c74304ffffffff', (a) => a.aluRmImm('mov', mem(EBX, 4), -1)],
  ['add eax,0x1', '83c001', (a) => a.aluRmImm('add', reg(EAX), 1)],
  ['sub DWORD PTR ds:0xffc00000,0x1000', '812d0000c0ff00100000', (a) => a.aluRmImm('sub', abs(0xffc00000), 0x1000)],
  ['and edi,0xffffff80', '83e780', (a) => a.aluRmImm('and', reg(EDI), -128)],
  ['cmp ebp,0x80', '81fd80000000', (a) => a.aluRmImm('cmp', reg(EBP), 128)],
  ['shl eax,0x1f', 'c1e01f', (a) => a.shift(false, reg(EAX), 31)],
  ['shr DWORD PTR [ecx],0x1', 'c12901', (a) => a.shift(true, mem(ECX, 0), 1)],
  ['shl ebx,cl', 'd3e3', (a) => a.shift(false, reg(EBX))],
  ['shr DWORD PTR ds:0x100,cl', 'd32d00010000', (a) => a.shift(true, abs(0x100))],
  ['inc edi', '47', (a) => a.incDec(false, reg(EDI))],
  ['dec DWORD PTR [esp+0x4]', 'ff4c2404', (a) => a.incDec(true, mem(ESP, 4))],
  ['mul DWORD PTR ds:0xffc00014', 'f7251400c0ff', (a) => a.mul(abs(0xffc00014))],
  ['mul esp', 'f7e4', (a) => a.mul(reg(ESP))],
  ['push ebp', '55', (a) => a.push(reg(EBP))],
  ['push DWORD PTR [esp+0x4]', 'ff742404', (a) => a.push(mem(ESP, 4))],
  ['push 0x10004', '6804000100', (a) => a.pushImm(0x10004)],
  ['pop esp', '5c', (a) => a.pop(reg(ESP))],
  ['pop DWORD PTR [esp+0x4]', '8f442404', (a) => a.pop(mem(ESP, 4))],
  ['lea ecx,[ecx-0x1]', '8d49ff', (a) => a.lea(ECX, mem(ECX, -1))],
  ['movzx eax,al', '0fb6c0', (a) => a.movzx(EAX, reg(EAX), 8)],
  ['movzx esp,sp', '0fb7e4', (a) => a.movzx(ESP, reg(ESP), 16)],
  ['movzx ecx,WORD PTR ds:0xffc0000e', '0fb70d0e00c0ff', (a) => a.movzx(ECX, abs(0xffc0000e), 16)],
  ['mov ecx,DWORD PTR [ecx*4-0x3ff000]', '8b0c8d0010c0ff', (a) => a.movIndexed(ECX, ECX, 0xffc01000)],
  ['mov edx,cs', '8cca', (a) => a.movFromCs(reg(EDX))],
  ['mov WORD PTR ds:0xffc00000,cs', '8c0d0000c0ff', (a) => a.movFromCs(abs(0xffc00000))],
  ['smsw edi', '0f01e7', (a) => a.smsw(reg(EDI))],
  ['smsw WORD PTR ds:0xffc00000', '0f01250000c0ff', (a) => a.smsw(abs(0xffc00000))],
  ['lgdtd [eax+0x2]', '0f015002', (a) => a.group7(2, mem(EAX, 2))],
  ['sgdtd ds:0x200', '0f010500020000', (a) => a.group7(0, abs(0x200))],
  ['sidtd [esp]', '0f010c24', (a) => a.group7(1, mem(ESP, 0))],
  ['lidtd [eax]', '0f0118', (a) => a.group7(3, mem(EAX, 0))],
  ['lidtd ds:0xffc00040', '0f011d4000c0ff', (a) => a.group7(3, abs(0xffc00040))],
  ['invlpg BYTE PTR [ebx]', '0f013b', (a) => a.group7(7, mem(EBX, 0))],
  ['mov esi,cr0', '0f20c6', (a) => a.movFromCr(ESI, 0)],
  ['mov ebp,cr3', '0f20dd', (a) => a.movFromCr(EBP, 3)],
  ['mov cr3,edx', '0f22da', (a) => a.movToCr(3, EDX)],
  ['in al,0x60', 'e460', (a) => a.inAl(0x60)],
  ['in al,dx', 'ec', (a) => a.inAl()],
  ['out 0xf4,al', 'e6f4', (a) => a.outAl(0xf4)],
  ['out dx,al', 'ee', (a) => a.outAl()],
  ['jmp 0x1000', 'e9fbffffff', (a) => a.jmp(L())],
  ['je 0x1000', '0f84faffffff', (a) => a.jcc('jz', L())],
  ['jne 0x1000', '0f85faffffff', (a) => a.jcc('jnz', L())],
  ['jl 0x1000', '0f8cfaffffff', (a) => a.jcc('jl', L())],
  ['jg 0x1000', '0f8ffaffffff', (a) => a.jcc('jg', L())],
  ['jle 0x1000', '0f8efaffffff', (a) => a.jcc('jle', L())],
  ['jge 0x1000', '0f8dfaffffff', (a) => a.jcc('jge', L())],
  ['jb 0x1000', '0f82faffffff', (a) => a.jcc('jb', L())],
  ['ja 0x1000', '0f87faffffff', (a) => a.jcc('ja', L())],
  ['jmp 0x1002', 'eb00', (a) => a.jmpShort((() => { const l = new Label(); l.at = 0x1002; return l; })())],
  ['jecxz 0xff0', 'e3ee', (a) => a.jecxz((() => { const l = new Label(); l.at = 0x1000 - 0x10; return l; })())],
  ['jmp DWORD PTR ds:0xffc00010', 'ff251000c0ff', (a) => a.jmpIndirect(0xffc00010)],
  ['nop', '90', (a) => a.bytes(...OPCODE.nop)],
  ['hlt', 'f4', (a) => a.bytes(...OPCODE.hlt)],
  ['cli', 'fa', (a) => a.bytes(...OPCODE.cli)],
  ['sti', 'fb', (a) => a.bytes(...OPCODE.sti)],
  ['ud2', '0f0b', (a) => a.bytes(...OPCODE.ud2)],
  ['cpuid', '0fa2', (a) => a.bytes(...OPCODE.cpuid)],
  ['rdtsc', '0f31', (a) => a.bytes(...OPCODE.rdtsc)],
  ['pushf', '9c', (a) => a.bytes(...OPCODE.pushfd)],
  ['popf', '9d', (a) => a.bytes(...OPCODE.popfd)],
];

test('every instruction form encodes to the bytes objdump reads back as intended', () => {
  for (const [disassembly, hex, build] of FORMS) {
    const a = new Assembler(0x1000);
    build(a);
    assert.equal(Buffer.from(a.finish()).toString('hex'), hex, disassembly);
  }
});

test('labels bound later are patched, and a short jump out of range is refused', () => {
  const a = new Assembler(0x2000);
  const later = new Label();
  a.jmp(later);
  a.jecxz(later);
  a.bytes(...OPCODE.nop);
  a.bind(later);
  assert.equal(Buffer.from(a.finish()).toString('hex'), 'e903000000' + 'e301' + '90');
  const far = new Assembler(0);
  const l = new Label();
  far.jecxz(l);
  for (let i = 0; i < 200; i++) far.bytes(...OPCODE.nop);
  far.bind(l);
  assert.throws(() => far.finish(), /short jump/);
  const unbound = new Assembler(0);
  unbound.jmp(new Label());
  assert.throws(() => unbound.finish(), /unbound label/);
});
