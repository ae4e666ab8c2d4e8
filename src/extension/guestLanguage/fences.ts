// Finds ```vmasm fenced code blocks in a Markdown note (CommonMark fence rules,
// any indentation so that blocks inside list items count). No vscode import.

export interface VmasmFence {
  /** 0-based line of the opening fence. */
  readonly fenceLine: number;
  /** 0-based line of the first program line. */
  readonly firstLine: number;
  /** The program: the block's lines with the fence's indentation removed. */
  readonly text: string;
}

const OPEN = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;

export function findVmasmFences(markdown: string): VmasmFence[] {
  const lines = markdown.split(/\r?\n/);
  const fences: VmasmFence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!);
    if (!open) continue;
    const [, indent, marker] = open as unknown as [string, string, string, string];
    const info = open[3] ?? '';
    // A backtick fence's info string may not contain backticks (CommonMark 4.5).
    if (marker[0] === '`' && lines[i]!.slice(open[0].length).includes('`')) continue;
    const close = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end]!)) end++;
    if (/^vmasm$/i.test(info.split(/[{,:?]/)[0] ?? '')) {
      const body = lines.slice(i + 1, end).map((l) => stripIndent(l, indent.length));
      fences.push({ fenceLine: i, firstLine: i + 1, text: body.join('\n') });
    }
    i = end;
  }
  return fences;
}

function stripIndent(line: string, width: number): string {
  let n = 0;
  while (n < width && n < line.length && (line[n] === ' ' || line[n] === '\t')) n++;
  return line.slice(n);
}

/** The fence whose opening line or body contains the 0-based `line`. */
export function fenceAt(fences: readonly VmasmFence[], line: number): VmasmFence | undefined {
  return fences.find((f) => line >= f.fenceLine && line < f.firstLine + Math.max(1, f.text.split('\n').length));
}
