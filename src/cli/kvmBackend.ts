/** The real KVM as the CLI uses it: an interface of its own so that `CliIo` can carry one (tests inject it). */
import type { X86Image } from '../core/x86/image';
import type { KvmInfo, KvmInfoOptions, KvmRunOptions, KvmRunResult, SourceProgram } from '../host/kvm/index';

export interface KvmBackend {
  /** undefined when real KVM can be used here, else the runner's one sentence saying why not. */
  unavailable(): string | undefined;
  run(image: X86Image, program: SourceProgram, options: KvmRunOptions): KvmRunResult;
  info(options?: KvmInfoOptions): KvmInfo;
}
