/**
 * A small 32-bit x86 encoder: exactly the instruction forms the code generator emits, with labels
 * for jumps. Register numbers are x86's (EAX 0, ECX 1, EDX 2, EBX 3, ESP 4, EBP 5, ESI 6, EDI 7).
 * Every form is checked byte for byte in test/unit/x86/asm.test.ts against objdump's reading.
 */

export const EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
export const X86_REGISTER_NAMES = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'] as const;

/** An x86 operand: a register, or memory at `[base + disp]` (`base` null: the absolute address `disp`). */
export type Rm = { kind: 'reg'; reg: number } | { kind: 'mem'; base: number | null; disp: number };

export const reg = (r: number): Rm => ({ kind: 'reg', reg: r });
export const mem = (base: number | null, disp: number): Rm => ({ kind: 'mem', base, disp: disp | 0 });
export const abs = (address: number): Rm => mem(null, address);

/** The `/n` extension of the 0x81/0x83 group and the base opcode of `op r/m32, r32`. */
export const ALU = {
  add: { ext: 0, rmReg: 0x01 },
  or: { ext: 1, rmReg: 0x09 },
  and: { ext: 4, rmReg: 0x21 },
  sub: { ext: 5, rmReg: 0x29 },
  xor: { ext: 6, rmReg: 0x31 },
  cmp: { ext: 7, rmReg: 0x39 },
} as const;
export type AluName = keyof typeof ALU | 'mov';

/** Condition codes of `jcc` (0x0F 0x80+cc). */
export const CONDITION = { jz: 0x4, jnz: 0x5, jb: 0x2, ja: 0x7, jl: 0xc, jge: 0xd, jle: 0xe, jg: 0xf } as const;
export type ConditionName = keyof typeof CONDITION;

export class Label {
  /** Absolute address once bound. */
  at = -1;
}

const fitsInt8 = (v: number) => (v | 0) >= -128 && (v | 0) <= 127;

export class Assembler {
  private readonly out: number[] = [];
  private readonly rel32: { at: number; label: Label }[] = [];
  private readonly rel8: { at: number; label: Label }[] = [];

  /** `origin`: the absolute address of the first byte. */
  constructor(readonly origin: number) {}

  get here(): number {
    return this.origin + this.out.length;
  }

  bind(label: Label): void {
    label.at = this.here;
  }

  bytes(...b: number[]): void {
    for (const x of b) this.out.push(x & 0xff);
  }

  dword(v: number): void {
    this.bytes(v, v >>> 8, v >>> 16, v >>> 24);
  }

  /** ModRM (and SIB, displacement) for `regField` and `rm`. */
  private modrm(regField: number, rm: Rm): void {
    const r = (regField & 7) << 3;
    if (rm.kind === 'reg') {
      this.bytes(0xc0 | r | rm.reg);
      return;
    }
    const { base, disp } = rm;
    if (base === null) {
      this.bytes(0x05 | r);
      this.dword(disp);
      return;
    }
    const mod = disp === 0 && base !== EBP ? 0x00 : fitsInt8(disp) ? 0x40 : 0x80;
    this.bytes(mod | r | base);
    if (base === ESP) this.bytes(0x24);
    if (mod === 0x40) this.bytes(disp);
    else if (mod === 0x80) this.dword(disp);
  }

  /** `op rm, r32` for add/or/and/sub/xor/cmp/mov. */
  aluRmReg(op: AluName, rm: Rm, r: number): void {
    this.bytes(op === 'mov' ? 0x89 : ALU[op].rmReg);
    this.modrm(r, rm);
  }

  /** `op r32, [mem]`. */
  aluRegMem(op: AluName, r: number, m: Rm): void {
    this.bytes(op === 'mov' ? 0x8b : ALU[op].rmReg + 2);
    this.modrm(r, m);
  }

  /** `op rm, imm32` (the sign-extended imm8 form when the value fits). */
  aluRmImm(op: AluName, rm: Rm, imm: number): void {
    if (op === 'mov') {
      if (rm.kind === 'reg') this.bytes(0xb8 + rm.reg);
      else {
        this.bytes(0xc7);
        this.modrm(0, rm);
      }
      this.dword(imm);
      return;
    }
    if (fitsInt8(imm)) {
      this.bytes(0x83);
      this.modrm(ALU[op].ext, rm);
      this.bytes(imm);
    } else {
      this.bytes(0x81);
      this.modrm(ALU[op].ext, rm);
      this.dword(imm);
    }
  }

  /** `shl`/`shr rm, imm8` (0xC1 /4, /5), or by `cl` (0xD3) when `count` is undefined. */
  shift(right: boolean, rm: Rm, count?: number): void {
    this.bytes(count === undefined ? 0xd3 : 0xc1);
    this.modrm(right ? 5 : 4, rm);
    if (count !== undefined) this.bytes(count);
  }

  /** `inc`/`dec rm` (the one-byte forms for registers). */
  incDec(dec: boolean, rm: Rm): void {
    if (rm.kind === 'reg') this.bytes((dec ? 0x48 : 0x40) + rm.reg);
    else {
      this.bytes(0xff);
      this.modrm(dec ? 1 : 0, rm);
    }
  }

  /** `mul rm` (EDX:EAX = EAX * rm). */
  mul(rm: Rm): void {
    this.bytes(0xf7);
    this.modrm(4, rm);
  }

  push(rm: Rm): void {
    if (rm.kind === 'reg') this.bytes(0x50 + rm.reg);
    else {
      this.bytes(0xff);
      this.modrm(6, rm);
    }
  }

  pushImm(v: number): void {
    this.bytes(0x68);
    this.dword(v);
  }

  pop(rm: Rm): void {
    if (rm.kind === 'reg') this.bytes(0x58 + rm.reg);
    else {
      this.bytes(0x8f);
      this.modrm(0, rm);
    }
  }

  /** `lea r32, [mem]`. */
  lea(r: number, m: Rm): void {
    this.bytes(0x8d);
    this.modrm(r, m);
  }

  /** `movzx r32, r/m8` or `r/m16`. */
  movzx(r: number, rm: Rm, size: 8 | 16): void {
    this.bytes(0x0f, size === 8 ? 0xb6 : 0xb7);
    this.modrm(r, rm);
  }

  /** `mov r32, [table + index*4]`. */
  movIndexed(r: number, index: number, table: number): void {
    this.bytes(0x8b, (r << 3) | 0x04, 0x85 | (index << 3));
    this.dword(table);
  }

  /** `mov rm, cs` (a register destination: `mov r32, cs`; memory: a 16-bit store). */
  movFromCs(rm: Rm): void {
    this.bytes(0x8c);
    this.modrm(1, rm);
  }

  /** `smsw rm` (a register destination: `smsw r32`; memory: a 16-bit store). */
  smsw(rm: Rm): void {
    this.bytes(0x0f, 0x01);
    this.modrm(4, rm);
  }

  /** `sgdt` /0, `sidt` /1, `lgdt` /2, `lidt` /3, `invlpg` /7: the 0F 01 group with a memory operand. */
  group7(ext: 0 | 1 | 2 | 3 | 7, m: Rm): void {
    this.bytes(0x0f, 0x01);
    this.modrm(ext, m);
  }

  movFromCr(r: number, cr: number): void {
    this.bytes(0x0f, 0x20, 0xc0 | (cr << 3) | r);
  }

  movToCr(cr: number, r: number): void {
    this.bytes(0x0f, 0x22, 0xc0 | (cr << 3) | r);
  }

  /** `in al, imm8` / `in al, dx` (port undefined). */
  inAl(port?: number): void {
    if (port === undefined) this.bytes(0xec);
    else this.bytes(0xe4, port);
  }

  /** `out imm8, al` / `out dx, al` (port undefined). */
  outAl(port?: number): void {
    if (port === undefined) this.bytes(0xee);
    else this.bytes(0xe6, port);
  }

  jmp(label: Label): void {
    this.bytes(0xe9);
    this.rel32.push({ at: this.out.length, label });
    this.dword(0);
  }

  jcc(cc: ConditionName, label: Label): void {
    this.bytes(0x0f, 0x80 + CONDITION[cc]);
    this.rel32.push({ at: this.out.length, label });
    this.dword(0);
  }

  /** `jmp short` (rel8). */
  jmpShort(label: Label): void {
    this.bytes(0xeb);
    this.rel8.push({ at: this.out.length, label });
    this.bytes(0);
  }

  jecxz(label: Label): void {
    this.bytes(0xe3);
    this.rel8.push({ at: this.out.length, label });
    this.bytes(0);
  }

  /** `jmp dword [address]`. */
  jmpIndirect(address: number): void {
    this.bytes(0xff, 0x25);
    this.dword(address);
  }

  /** The machine code with every jump resolved (throws on an unbound label or an out-of-range rel8). */
  finish(): Uint8Array {
    const code = Uint8Array.from(this.out);
    const view = new DataView(code.buffer);
    for (const f of this.rel32) {
      if (f.label.at < 0) throw new Error('x86 assembler: unbound label');
      view.setInt32(f.at, f.label.at - (this.origin + f.at + 4), true);
    }
    for (const f of this.rel8) {
      if (f.label.at < 0) throw new Error('x86 assembler: unbound label');
      const d = f.label.at - (this.origin + f.at + 1);
      if (!fitsInt8(d)) throw new Error(`x86 assembler: short jump of ${d} bytes`);
      code[f.at] = d & 0xff;
    }
    return code;
  }
}

/** One-byte and fixed instructions. */
export const OPCODE = {
  nop: [0x90], hlt: [0xf4], cli: [0xfa], sti: [0xfb], ud2: [0x0f, 0x0b], cpuid: [0x0f, 0xa2],
  rdtsc: [0x0f, 0x31], pushfd: [0x9c], popfd: [0x9d],
} as const;
