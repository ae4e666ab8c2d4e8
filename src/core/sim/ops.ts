/**
 * Pre-decoded opcodes, on their own with no import so that every module may use them without
 * an import circle. Being `const enum`s, esbuild's bundler inlines their values in every file that
 * uses them (the fast path's `case` labels become literals, which V8 needs for a jump table).
 */

/** Pre-decoded operations. Innocuous forms first; `Op.FirstSystem` and above take the slow path. */
export const enum Op {
  Nop,
  MovRR, MovRI, MovRM, MovMR, MovMI,
  AddRR, AddRI, SubRR, SubRI, AndRR, AndRI, OrRR, OrRI, XorRR, XorRI,
  ShlRR, ShlRI, ShrRR, ShrRI, MulRR, MulRI, CmpRR, CmpRI,
  Inc, Dec,
  Jmp, Jz, Jnz, Jl, Jg, Jle, Jge, Jb, Ja,
  Call, Ret, PushR, PushI, PopR,
  /** Any innocuous instruction with a memory operand not covered above (e.g. `add r1, [r2]`). */
  Generic,
  // --- slow path: privileged, sensitive, special
  FirstSystem,
  Hlt = FirstSystem, Cli, Sti, In, Out, Lidt, Lgdt, MovToCr, MovFromCr, Invlpg, Iret,
  Pushf, Popf, Sgdt, Sidt, Smsw, MovRCs, PushCs,
  Cpuid, Rdtsc, Vmcall, Int, Ud2,
  /** Fetching at an address with no instruction: #UD. */
  Invalid,
}

/** Operations of the generic (slow-path) form of innocuous instructions. */
export const enum Alu { Mov, Add, Sub, And, Or, Xor, Shl, Shr, Mul, Cmp, Inc, Dec, Push, Pop, Jump, Call, Ret, Nop }

/** Jmp..Call: their `c` holds the target address and `a` its slot. */
export function isJumpOp(op: number): boolean {
  return op >= Op.Jmp && op <= Op.Call;
}

/** Opcodes whose execution ends a basic block (for binary translation and block-entry counting). */
export function isControlTransfer(op: number): boolean {
  return (op >= Op.Jmp && op <= Op.Ret) || op === Op.Hlt || op === Op.Iret || op === Op.Int || op === Op.Ud2 || op === Op.Vmcall || op === Op.Invalid;
}
