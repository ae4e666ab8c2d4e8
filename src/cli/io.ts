import { decodeText } from '../core/text/decode';
import type { KvmBackend } from './kvmBackend';

/** What a CLI command may touch: injected so that tests run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * The bytes of a regular file, at most `maxBytes + 1` of them (one more tells "too large" from
   * "exactly at the cap"). Fails with a Node-style `code`: ENOENT, EISDIR, EACCES, or ENOTREG
   * (with `kind`) for a FIFO, device or socket, which is refused before anything is read.
   */
  readFile(path: string, maxBytes: number): Promise<Uint8Array>;
  /** The real KVM (default: this host's /dev/kvm through src/host/kvm); tests inject one. */
  kvm?: KvmBackend;
}

/** Exit codes of `kvm-lab`, as in the product spec. */
export const ExitCode = { ok: 0, badInput: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A user's mistake: printed as one line, never with a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = ExitCode.badInput) {
    super(message);
  }
}

/**
 * The most `kvm-lab` reads from one file. The editor's own cap on notes is smaller; a guest program
 * is at most 1 M characters. Without a cap `check /dev/zero` grew to 8 GB before it was stopped.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
export const MAX_INPUT_TEXT = '16 MiB';

/** Reads a text file for a command, turning every failure into one clear line. */
export async function readTextFile(io: CliIo, path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path, MAX_INPUT_BYTES);
  } catch (error) {
    const { code, kind } = error as NodeJS.ErrnoException & { kind?: string };
    const reason =
      code === 'ENOENT' ? 'no such file' :
      code === 'EISDIR' ? 'is a directory, not a file' :
      code === 'ENOTREG' ? `${kind ? `is ${kind}, not` : 'is not'} a regular file (kvm-lab reads only regular files)` :
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
      (error as Error).message;
    throw new CliError(`${path}: ${reason}`);
  }
  if (bytes.length > MAX_INPUT_BYTES) throw new CliError(`${path}: larger than ${MAX_INPUT_TEXT}, the most kvm-lab reads from one file`);
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new CliError(`${path}: ${decoded.reason}`);
  return decoded.text;
}

/**
 * One line, safe for a terminal: a file name or message holding a newline or an escape sequence
 * cannot start a fake line nor move the cursor.
 */
export function oneLine(text: string): string {
  return text.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
