/**
 * Which lines of a Markdown note are not prose: fenced code blocks, except guest programs (```vmasm),
 * whose comments and mnemonics (CPUID, HLT, POPF) are exactly what a learner hovers. Line-based,
 * as CommonMark fences are, so the matcher can keep its single pass instead of parsing the note.
 */
import type { LineStartHook } from './matcher';

interface Fence {
  marker: number;
  length: number;
}

/** A fence line at `i`: its marker (` or ~), run length and info string; undefined otherwise. */
function fenceAt(text: string, i: number, end: number): (Fence & { info: string; lineEnd: number }) | undefined {
  let k = i;
  // Indentation and blockquote markers: fences inside list items and quotes count too.
  for (let code = text.charCodeAt(k); k < end && (code === 0x20 || code === 0x09 || code === 0x3e); code = text.charCodeAt(++k));
  const marker = text.charCodeAt(k);
  if (marker !== 0x60 && marker !== 0x7e) return undefined;
  let run = k;
  while (run < end && text.charCodeAt(run) === marker) run++;
  if (run - k < 3) return undefined;
  let lineEnd = run;
  while (lineEnd < end && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
  const info = text.slice(run, lineEnd).trim();
  if (marker === 0x60 && info.includes('`')) return undefined;
  return { marker, length: run - k, info, lineEnd };
}

function closes(line: ReturnType<typeof fenceAt>, open: Fence): boolean {
  return line !== undefined && line.marker === open.marker && line.length >= open.length && line.info === '';
}

/** The index just after the line break that ends the line ending at `lineEnd`. */
function nextLine(text: string, lineEnd: number, end: number): number {
  if (lineEnd >= end) return end;
  return text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? lineEnd + 2 : lineEnd + 1;
}

/** A fresh hook per scan: it remembers whether the scan is inside a ```vmasm block. */
export function markdownLineHook(): LineStartHook {
  let openGuestProgram: Fence | undefined;
  return (text, i, end) => {
    const code = text.charCodeAt(i);
    if (code !== 0x60 && code !== 0x7e && code !== 0x20 && code !== 0x09 && code !== 0x3e) return i;
    const fence = fenceAt(text, i, end);
    if (!fence) return i;
    if (openGuestProgram) {
      if (closes(fence, openGuestProgram)) openGuestProgram = undefined;
      return i;
    }
    if (/^vmasm(?:\s|$|\{)/i.test(fence.info)) {
      openGuestProgram = fence;
      return nextLine(text, fence.lineEnd, end);
    }
    // Skip to the line after the closing fence; an unclosed fence runs to the end, as in CommonMark.
    let k = nextLine(text, fence.lineEnd, end);
    while (k < end) {
      const line = fenceAt(text, k, end);
      let lineEnd = line ? line.lineEnd : k;
      if (closes(line, fence)) return nextLine(text, lineEnd, end);
      while (lineEnd < end && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
      k = nextLine(text, lineEnd, end);
    }
    return end;
  };
}
