/**
 * One call for a host of the panel or the CLI: a vmasm program on the real KVM, beside its
 * simulated `vtx` run. Never throws for a reason a learner can act on: a program outside the
 * subset (with its line) and a machine without usable KVM come back as `{ ok: false }` with one
 * bilingual sentence.
 */
import type { LocalizedText, Program } from '../../core/sim/api';
import { generateX86 } from '../../core/x86/codegen';
import { compareKvmWithVtx, simulateVtx, type KvmComparison } from './compare';
import { KvmError } from './errors';
import { runOnKvm, type KvmRunOptions, type KvmRunResult } from './runner';

export type KvmProgramRun =
  | { ok: true; result: KvmRunResult; comparison: KvmComparison }
  | { ok: false; why: 'outside-subset'; line: number; text: LocalizedText }
  | { ok: false; why: 'kvm-unavailable'; kind: KvmError['kind']; text: LocalizedText };

/** Translates `program`, runs it on /dev/kvm and compares it with the simulated `vtx` run (same `maxSteps`). */
export function runProgramOnKvm(program: Program, options: KvmRunOptions = {}): KvmProgramRun {
  const generated = generateX86(program);
  if (!('image' in generated)) {
    const u = generated.unsupported;
    return {
      ok: false, why: 'outside-subset', line: u.line,
      text: { en: `line ${u.line}: '${u.mnemonic}' is outside what runs on real KVM: ${u.reason.en}`, 'zh-cn': `第 ${u.line} 行：'${u.mnemonic}' 不在真实 KVM 可运行的范围内：${u.reason['zh-cn']}` },
    };
  }
  let result: KvmRunResult;
  try {
    result = runOnKvm(generated.image, program, options);
  } catch (e) {
    if (e instanceof KvmError) return { ok: false, why: 'kvm-unavailable', kind: e.kind, text: e.text };
    throw e;
  }
  return { ok: true, result, comparison: compareKvmWithVtx(simulateVtx(program, { maxSteps: options.maxSteps }), result) };
}
