import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * `CliIo.readFile` on the real file system. Opened non-blocking so that a FIFO without a writer
 * does not hang the open; then refused, like a device or socket, after one `fstat`. At most
 * `maxBytes + 1` bytes are read, whatever the file claims its size is (files in /proc say 0).
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    if (!stat.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG', kind: fileKind(stat) });
    const limit = maxBytes + 1;
    let chunk = Buffer.alloc(Math.min(limit, stat.size + 1));
    let filled = 0;
    for (;;) {
      if (filled === chunk.length) {
        if (chunk.length >= limit) break;
        // The file grew, or lied about its size: grow up to the cap, no further.
        const bigger = Buffer.alloc(Math.min(limit, chunk.length * 2));
        chunk.copy(bigger, 0, 0, filled);
        chunk = bigger;
      }
      const { bytesRead } = await handle.read(chunk, filled, chunk.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return chunk.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

function fileKind(stat: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string | undefined {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return undefined;
}
