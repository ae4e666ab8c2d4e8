/**
 * How a mode runs the guest: every decision point of the slow path asks the mode's `Vmm`, which
 * books the costs, counts the statistics and emits the events. This base class is bare metal
 * (`native`): the real CPU does everything itself and the guest's state *is* the real state.
 */
import type { CostModel, DivergenceDetail, DivergenceKind, Layer, Mode, TableRegister, VmxControls } from '../api';
import { deviceAction } from '../devices';
import { Op } from '../fastpath';
import type { Machine } from '../machine';

export type ExceptionCause = 'fault' | 'int' | 'irq';

/** Bilingual names of exception vectors for event texts. */
export function vectorName(vector: number): string {
  switch (vector) {
    case 6: return '#UD (invalid opcode)';
    case 8: return '#DF (double fault)';
    case 13: return '#GP (general protection)';
    case 14: return '#PF (page fault)';
    case 32: return 'timer interrupt (vector 32)';
    default: return `vector ${vector}`;
  }
}

export class Vmm {
  readonly mode: Mode = 'native';
  /** Kernel code runs translated (binary translation): the run loop tracks basic blocks. */
  readonly translates: boolean = false;
  /** Unique divergences (one per instruction and kind), in order of first occurrence. */
  readonly divergences: DivergenceDetail[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly m: Machine, readonly costs: CostModel, readonly controls: VmxControls) {}

  // --- what the hardware holds while the guest runs (equal to the guest's view on bare metal)

  realCpl(): number {
    return this.m.cpl;
  }
  realIf(): boolean {
    return this.m.ifl;
  }
  realCr0(): number {
    return this.m.cr0;
  }
  realCr3(): number {
    return this.m.cr3;
  }
  realGdtr(): TableRegister {
    return { base: this.m.gdtBase >>> 0, limit: this.m.gdtLimit };
  }
  realIdtr(): TableRegister {
    return { base: this.m.idtBase >>> 0, limit: this.m.idtLimit };
  }

  // --- memory virtualization (memory/*.ts asks these)

  /** Layer where the VMM handles memory events (page faults, shadow updates). */
  get memoryLayer(): Layer {
    return 'hardware';
  }

  /** The guest entered the VMM because of memory (shadow paging, PV MMU): nothing on bare metal. */
  memoryTrap(_kind: 'hidden-fault' | 'page-fault' | 'pt-write', _la: number): void {}

  /** An EPT violation on a RAM page's first touch (EPT only). */
  eptViolation(_gpa: number): void {}

  /** Layer where device models live in this mode. */
  protected get deviceLayer(): Layer {
    return 'hardware';
  }

  // --- innocuous instructions

  /** `n` innocuous instructions ran (the fast path, or one generic form). */
  accountFast(n: number): void {
    this.m.stats.direct += n;
    this.m.stats.cycles += n * this.costs.direct;
  }

  /** The `direct` (or `emulated`) event of one innocuous instruction, for `step()`. */
  stepEvent(): void {
    const m = this.m;
    m.note('direct', m.guestLayer, this.costs.direct, 'executed directly by the CPU', '由 CPU 直接执行');
  }

  /** A data access outside RAM (MMIO console or open bus) by the current instruction. */
  /** `data`: the value written, or read (all ones outside RAM). */
  bus(address: number, write: boolean, _data?: number): void {
    this.device(`MMIO ${write ? 'write' : 'read'} at 0x${address.toString(16)}`, `MMIO ${write ? '写' : '读'} 0x${address.toString(16)}`);
  }

  // --- privileged instructions at guest CPL 0

  /** Before a privileged instruction takes effect at guest CPL 0. */
  privileged(_op: Op): void {
    this.direct();
  }

  /** After an IN/OUT reached its device (the device's own work). */
  portIo(port: number, direction: 'in' | 'out', value: number): void {
    this.deviceEvent(this.deviceLayer, port, direction, value, '');
  }

  /** The guest halts with nothing to wake it: the run ends. */
  halt(): void {
    const m = this.m;
    m.ev('halt', 'hardware', 0, 'HLT: the processor stops', 'HLT：处理器停止');
  }

  /** HLT with the timer armed and IF = 1: the processor sleeps until the next tick. */
  haltWait(): void {
    this.m.ev('device', 'hardware', 0, 'HLT: the processor sleeps until the timer interrupt', 'HLT：处理器休眠，等待定时器中断');
  }

  debugExit(code: number): void {
    this.m.ev('halt', this.deviceLayer, 0, `debug-exit: stopped with code ${code}`, `debug-exit：以退出码 ${code} 停止`);
  }

  // --- sensitive but unprivileged instructions

  /** What the guest gets from a sensitive instruction: bare metal gives the right value. */
  sensitive(_kind: DivergenceKind, expected: number, _real: number): number {
    this.direct();
    return expected;
  }

  // --- special instructions

  /** Hypervisor signature of CPUID leaf 0x40000000 (12 bytes), null when none is shown. */
  signature(): string | null {
    return null;
  }

  cpuid(_leaf: number): void {
    this.direct();
  }

  rdtsc(): void {
    this.direct();
  }

  /** True when VMCALL is a hypercall here; on bare metal it is #UD. */
  acceptsHypercalls(): boolean {
    return false;
  }

  hypercall(_number: number): void {
    this.direct();
  }

  /** The instruction that raises an exception (int n, ud2, a #GP'd privileged one) itself. */
  faultingInstruction(): void {
    this.direct();
  }

  // --- exceptions and interrupts

  /** An exception or interrupt is raised (before its delivery is attempted). */
  raise(_vector: number, cause: ExceptionCause): void {
    if (cause === 'irq') this.m.ev('device', 'hardware', 0, 'timer: interrupt request', '定时器：中断请求');
  }

  /** Delivery of `vector` through the guest's IDT (the guest handler runs next). */
  exception(vector: number, _cause: ExceptionCause): void {
    const m = this.m;
    if (!m.recording) {
      m.stats.cycles += this.costs.exceptionDelivery;
      return;
    }
    m.ev('exception', 'guest-kernel', this.costs.exceptionDelivery, `${vectorName(vector)} delivered through the IDT`, `${vectorName(vector)} 经 IDT 交付`, { vector });
  }

  /** Delivery failed twice: the processor shuts down. */
  tripleFault(): void {
    this.m.ev('halt', 'hardware', 0, 'triple fault: the processor shuts down', '三重故障：处理器关机');
  }

  // --- helpers for subclasses

  /** One instruction the real CPU executed itself. */
  protected direct(): void {
    const m = this.m;
    m.stats.direct++;
    m.ev('direct', m.guestLayer, this.costs.direct, 'executed directly by the CPU', '由 CPU 直接执行');
  }

  /** A device model's work on a port access; its text is built only while someone listens. */
  protected deviceEvent(layer: Layer, port: number, direction: 'in' | 'out', value: number, prefix: string): void {
    const m = this.m;
    if (!m.recording) {
      m.stats.cycles += this.costs.deviceAccess;
      return;
    }
    const t = deviceAction(port, direction, value);
    m.ev('device', layer, this.costs.deviceAccess, prefix + t.en, prefix + t.zh);
  }

  protected device(en: string, zh: string): void {
    this.m.ev('device', this.deviceLayer, this.costs.deviceAccess, en, zh);
  }

  /** Records a divergence from bare metal (the event every time, the list once per place). */
  protected diverge(kind: DivergenceKind, expected: number, actual: number): void {
    const m = this.m;
    const slot = m.current;
    const pc = m.addressOf(slot);
    const line = m.lineOfSlot(slot);
    const instruction = m.program.mnemonicOfSlot(slot);
    const text = divergenceText(kind, expected >>> 0, actual >>> 0);
    const detail: DivergenceDetail = { line, instruction, explanation: text.en, kind, pc, expected: expected >>> 0, actual: actual >>> 0, text };
    const key = `${pc}:${kind}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.divergences.push(detail);
    }
    m.ev('divergence', m.guestLayer, 0, text.en, text['zh-cn'], { divergence: detail, term: DIVERGENCE_TERMS[kind] });
  }
}

/** Glossary entries (English names) that explain each kind of divergence. */
const DIVERGENCE_TERMS: Record<DivergenceKind, string> = {
  'pushf-if': 'POPF/PUSHF', 'popf-if': 'POPF/PUSHF', sidt: 'Red Pill', sgdt: 'Critical instruction (sensitive, unprivileged)',
  smsw: 'Critical instruction (sensitive, unprivileged)', 'cs-cpl': 'Current privilege level (CPL)',
};

const hex = (v: number) => '0x' + (v >>> 0).toString(16);

/**
 * The learner's explanation of a divergence: what the instruction gave here beside what bare
 * metal gives (`expected`, computed from the run's own values, never assumed).
 */
export function divergenceText(kind: DivergenceKind, expected: number, actual: number): { en: string; 'zh-cn': string } {
  const bareIf = (expected >> 9) & 1;
  switch (kind) {
    case 'pushf-if':
      return {
        en: `PUSHF pushed ${hex(actual)}: the real flags, with the real IF = ${(actual >> 9) & 1} that the VMM keeps; bare metal pushes ${hex(expected)} (IF = ${bareIf}). PUSHF does not trap at CPL 1, so the VMM cannot correct it.`,
        'zh-cn': `PUSHF 压入了 ${hex(actual)}：真实的标志，其中 IF = ${(actual >> 9) & 1} 是 VMM 保持的真实中断标志；裸机上压入 ${hex(expected)}（IF = ${bareIf}）。PUSHF 在 CPL 1 不陷入，VMM 无从纠正。`,
      };
    case 'popf-if':
      return {
        en: `POPF tried to change IF to ${bareIf} (bare metal: flags ${hex(expected)}, interrupts ${bareIf ? 'enabled' : 'disabled'}), but the guest kernel runs at CPL 1, where POPF silently ignores IF: no fault, so the VMM never learns it, and IF stays ${(actual >> 9) & 1} (flags ${hex(actual)}) (Robin & Irvine 2000).`,
        'zh-cn': `POPF 试图把 IF 改为 ${bareIf}（裸机上：标志 ${hex(expected)}，中断${bareIf ? '开启' : '关闭'}），但客户机内核运行在 CPL 1，POPF 在那里静默地忽略 IF：不产生异常，VMM 因而不知道，IF 仍为 ${(actual >> 9) & 1}（标志 ${hex(actual)}）（Robin & Irvine 2000）。`,
      };
    case 'sgdt':
      return {
        en: `SGDT stored the real GDTR base ${hex(actual)} (the VMM's table); bare metal stores the guest's own ${hex(expected)}. SGDT is unprivileged, so it cannot be trapped and reveals the VMM.`,
        'zh-cn': `SGDT 存入的是真实的 GDTR 基址 ${hex(actual)}（VMM 的表）；裸机上存入客户机自己的 ${hex(expected)}。SGDT 不是特权指令，无法被陷入，因而暴露了 VMM。`,
      };
    case 'sidt':
      return {
        en: `SIDT stored the real IDTR base ${hex(actual)} (the VMM's IDT); bare metal stores the guest's own ${hex(expected)}. The "red pill" (Rutkowska 2004) detects a VMM this way, because SIDT runs at any privilege level without trapping.`,
        'zh-cn': `SIDT 存入的是真实的 IDTR 基址 ${hex(actual)}（VMM 的 IDT）；裸机上存入客户机自己的 ${hex(expected)}。“红色药丸”（Rutkowska 2004）正是这样检测 VMM 的，因为 SIDT 在任何特权级都不陷入。`,
      };
    case 'smsw':
      return {
        en: `SMSW read ${hex(actual)}, the low 16 bits of the real CR0 (the VMM's); bare metal reads the guest's own ${hex(expected)}. Unlike MOV from CR0, SMSW is unprivileged and does not trap.`,
        'zh-cn': `SMSW 读到 ${hex(actual)}，即真实 CR0（VMM 的）的低 16 位；裸机上读到客户机自己的 ${hex(expected)}。与 MOV 读 CR0 不同，SMSW 不是特权指令，不会陷入。`,
      };
    case 'cs-cpl':
      return {
        en: `CS reads ${hex(actual)}: its low two bits show the real privilege level ${actual & 3}; bare metal reads ${hex(expected)} (CPL ${expected & 3}, where the guest kernel believes it runs). Reading CS never traps.`,
        'zh-cn': `CS 读出 ${hex(actual)}：低两位显示真实特权级 ${actual & 3}；裸机上读出 ${hex(expected)}（CPL ${expected & 3}，客户机内核以为自己运行于此）。读取 CS 从不陷入。`,
      };
  }
}
