/**
 * What an assembly keeps track of besides the program: its reports (capped), its place in the
 * source, and which line placed each byte of guest memory.
 */
import type { Diagnostic } from './api';
import { MAX_DIAGNOSTICS } from './lexer';
import type { SyntaxError } from './operands';
import { MEMORY_SIZE } from './program';

/** The diagnostics of one assembly, capped at MAX_DIAGNOSTICS. */
export class Collector {
  private readonly diagnostics: Diagnostic[] = [];
  /** Where reporting stopped, once MAX_DIAGNOSTICS were reported. */
  private stopped?: Diagnostic;

  get full(): boolean {
    return this.stopped !== undefined;
  }

  add(line: number, start: number, end: number, message: string, severity: 'error' | 'warning' = 'error'): void {
    if (this.stopped) return;
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      this.stopped = { line, column: start + 1, message: `too many errors; stopped reporting after ${MAX_DIAGNOSTICS}`, severity: 'error' };
      return;
    }
    this.diagnostics.push({ line, column: start + 1, endColumn: Math.max(end, start + 1) + 1, message, severity });
  }

  /** In line order, the note that reporting stopped last. */
  sorted(): Diagnostic[] {
    const sorted = this.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return this.stopped ? [...sorted, this.stopped] : sorted;
  }

  addAll(line: number, errors: SyntaxError[]): void {
    for (const e of errors) this.add(line, e.start, e.end, e.message);
  }
}

/** The lines of a text one by one, ended by \r\n, \r or \n as everywhere in the extension. */
export class LineReader {
  private start = 0;
  private lf: number;
  private cr: number;

  constructor(private readonly text: string) {
    this.lf = text.indexOf('\n');
    this.cr = text.indexOf('\r');
  }

  get done(): boolean {
    return this.start > this.text.length;
  }

  next(): string {
    const { text, start } = this;
    // Each search starts where the last one stopped: one scan of the text in all.
    if (this.lf >= 0 && this.lf < start) this.lf = text.indexOf('\n', start);
    if (this.cr >= 0 && this.cr < start) this.cr = text.indexOf('\r', start);
    const end = this.lf < 0 ? (this.cr < 0 ? text.length : this.cr) : this.cr < 0 ? this.lf : Math.min(this.lf, this.cr);
    this.start = end === text.length ? end + 1 : end + (end === this.cr && this.lf === end + 1 ? 2 : 1);
    return text.slice(start, end);
  }
}

/**
 * Which line placed each byte of guest memory, for overlap errors. One table serves every
 * assembly (they never run at the same time), each marking its bytes with its own number, so
 * that a program of one line does not clear 256 KiB: a note with 50,000 tiny programs is
 * checked in a blink.
 */
class Ownership {
  private stamps?: Int32Array;
  private lines?: Int32Array;
  private current = 0;

  /** Starts an assembly: every byte free. */
  begin(): void {
    if (!this.stamps) {
      this.stamps = new Int32Array(MEMORY_SIZE);
      this.lines = new Int32Array(MEMORY_SIZE);
    }
    if (++this.current === 0x7fffffff) {
      this.stamps.fill(0);
      this.current = 1;
    }
  }

  /** The line that placed `address` in this assembly, or 0. */
  ownerOf(address: number): number {
    return this.stamps![address] === this.current ? this.lines![address] : 0;
  }

  take(address: number, size: number, line: number): void {
    this.stamps!.fill(this.current, address, address + size);
    this.lines!.fill(line, address, address + size);
  }
}

export const ownership = new Ownership();
