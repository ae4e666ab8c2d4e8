/** vmasm → x86 for the real KVM: the generator and the runner's contract (docs/real-kvm.md). */
export { generateX86, type X86Generation, type X86Unsupported } from './codegen';
export type * from './image';
