import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import type { KvmBackend } from '../../../src/cli/kvm';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** An endless source such as /dev/zero: given the reader's cap, what it would hand over. */
export type EndlessFile = (maxBytes: number) => Uint8Array;

/**
 * Runs `kvm-lab ARGV` in-process against an in-memory file system: files are text or bytes,
 * a directory is `null`, an error object is thrown as it is (EACCES, ENOTREG …), a function is an
 * endless stream, anything else does not exist (ENOENT, as Node reports it). As the real reader,
 * it hands over at most `maxBytes + 1` bytes.
 */
export async function runCli(argv: string[], files: Record<string, string | Uint8Array | null | Error | EndlessFile> = {}, options: { kvm?: KvmBackend } = {}): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    kvm: options.kvm,
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    readFile: async (path, maxBytes) => {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      const content = files[path];
      if (content === null) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
      if (content instanceof Error) throw content;
      if (typeof content === 'function') return content(maxBytes);
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      return bytes.subarray(0, maxBytes + 1);
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** No stack trace reached the user: no `    at fn (file:line)` frames, no `Error:` dumps. */
export function assertNoStackTrace(text: string): void {
  if (/\n\s+at .+[:(]/.test(text) || /^\w*Error: /m.test(text)) throw new Error(`output contains a stack trace:\n${text}`);
}
