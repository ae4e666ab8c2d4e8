/** Decoding of user files: the core refuses binary input with a reason instead of parsing noise. */
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

/** Bytes inspected for NUL to decide "binary": as git does, the start of the file is enough. */
const BINARY_SNIFF_BYTES = 8000;

export function decodeText(bytes: Uint8Array): DecodeResult {
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return { ok: false, reason: 'looks like a binary file, not text (it contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'is not valid UTF-8 text' };
  }
}
