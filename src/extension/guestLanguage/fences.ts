// Finds ```vmasm fenced code blocks in a Markdown note (CommonMark fence rules, any
// indentation so that blocks inside list items count), caches them per document version, and
// maps positions between a block's program and the note. No vscode import: unit-tested in plain Node.

export interface VmasmFence {
  /** 0-based line of the opening fence. */
  readonly fenceLine: number;
  /** 0-based line of the first program line. */
  readonly firstLine: number;
  /** 0-based line of the closing fence (the note's line count when the block is left open). */
  readonly endLine: number;
  /** The program: the block's lines with the fence's indentation removed. */
  readonly text: string;
  /** Characters of indentation removed from each program line (to map columns back). */
  readonly columnOffsets: readonly number[];
}

const OPEN = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)/;

export function findVmasmFences(markdown: string): VmasmFence[] {
  const lines = markdown.split(/\r?\n/);
  const fences: VmasmFence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!;
    const marker = open[2]!;
    const info = open[3] ?? '';
    // A backtick fence's info string may not contain backticks (CommonMark 4.5).
    if (marker[0] === '`' && lines[i]!.slice(open[0].length).includes('`')) continue;
    const close = new RegExp(`^[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end]!)) end++;
    if (/^vmasm$/i.test(info.split(/[{,:?]/)[0] ?? '')) {
      const body = lines.slice(i + 1, end);
      const columnOffsets = body.map((l) => leadingWidth(l, indent.length));
      fences.push({
        fenceLine: i,
        firstLine: i + 1,
        endLine: end,
        text: body.map((l, k) => l.slice(columnOffsets[k])).join('\n'),
        columnOffsets,
      });
    }
    i = end;
  }
  return fences;
}

function leadingWidth(line: string, max: number): number {
  let n = 0;
  while (n < max && n < line.length && (line[n] === ' ' || line[n] === '\t')) n++;
  return n;
}

/** The fence whose opening line or body contains the 0-based note `line` (fences are in note order: binary search). */
export function fenceAt(fences: readonly VmasmFence[], line: number): VmasmFence | undefined {
  let low = 0;
  let high = fences.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const fence = fences[middle]!;
    if (line < fence.fenceLine) high = middle - 1;
    else if (line >= fence.endLine) low = middle + 1;
    else return fence;
  }
  return undefined;
}

/** What the cache needs of a document; `vscode.TextDocument` has it. */
export interface VersionedText {
  readonly uri: { toString(): string };
  readonly version: number;
  getText(): string;
}

/**
 * The fences of each open document, by URI and version. Hovers, completion, CodeLens, diagnostics and
 * the simulator's "current program" each asked for them, and each time split the whole note again
 * (1.2 s for a 49 MB note); a version bump on every edit invalidates an entry by itself, and the
 * owner drops an entry when its document closes (a reopened document starts its versions again).
 * Bounded in documents and in the programs' characters it holds, least recently used first out.
 */
export class FenceCache {
  private readonly entries = new Map<string, { version: number; fences: readonly VmasmFence[]; chars: number }>();
  private chars = 0;

  constructor(
    private readonly capacity = 16,
    private readonly maxChars = 32 * 1024 * 1024,
  ) {}

  fencesOf(document: VersionedText): readonly VmasmFence[] {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached) this.drop(key);
    const fences = cached && cached.version === document.version ? cached.fences : findVmasmFences(document.getText());
    const chars = cached?.fences === fences ? cached.chars : fences.reduce((sum, fence) => sum + fence.text.length, 0);
    // Re-inserted last: a Map iterates in insertion order, so the first key is the least recently used.
    this.entries.set(key, { version: document.version, fences, chars });
    this.chars += chars;
    // The entry just used stays even alone over the limit: its caller holds it anyway.
    for (const oldest of this.entries.keys()) {
      if (oldest === key || (this.entries.size <= this.capacity && this.chars <= this.maxChars)) break;
      this.drop(oldest);
    }
    return fences;
  }

  private drop(key: string): void {
    this.chars -= this.entries.get(key)?.chars ?? 0;
    this.entries.delete(key);
  }

  forget(uri: { toString(): string }): void {
    this.drop(uri.toString());
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A 1-based (line, column) of the block's program → the 0-based (line, character) in the note. */
export function toNotePosition(fence: VmasmFence, line: number, column: number): { line: number; character: number } {
  const index = Math.min(Math.max(0, line - 1), Math.max(0, fence.columnOffsets.length - 1));
  return { line: fence.firstLine + index, character: Math.max(0, column - 1) + (fence.columnOffsets[index] ?? 0) };
}

/** A 0-based note position inside the block's body → 0-based (line, character) of the program. */
export function toProgramPosition(fence: VmasmFence, line: number, character: number): { line: number; character: number } | undefined {
  const index = line - fence.firstLine;
  if (index < 0 || index >= fence.columnOffsets.length) return undefined;
  return { line: index, character: Math.max(0, character - fence.columnOffsets[index]!) };
}
