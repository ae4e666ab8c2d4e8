/**
 * YAML front matter (`---` … `---` or `...` at the very top, as Jekyll and VS Code's preview read it).
 * It is metadata, not content: the outline parses only what follows and shifts lines back.
 */
export interface FrontMatter {
  /** Index in the text where the Markdown body starts. */
  bodyStart: number;
  /** Source lines taken by the front matter, to add to the body's line numbers. */
  lineCount: number;
  title?: string;
}

const OPENING = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/gm;
const LINE_BREAK = /\r\n|\r|\n/g;

/** Finds the front matter; `undefined` when the text does not open with one (or never closes it). */
export function splitFrontMatter(text: string): FrontMatter | undefined {
  const opening = OPENING.exec(text);
  if (!opening) return undefined;
  CLOSING.lastIndex = opening[0].length;
  const closing = CLOSING.exec(text);
  if (!closing) return undefined;
  const bodyStart = closing.index + closing[0].length;
  const yaml = text.slice(opening[0].length, closing.index);
  let lineCount = 1 + (yaml.match(LINE_BREAK)?.length ?? 0);
  // The closing line counts too unless the file ends on it without a line break.
  if (/[\r\n]$/.test(closing[0])) lineCount++;
  return { bodyStart, lineCount, title: readTitle(yaml) };
}

/**
 * A top-level `title:` scalar. Deliberately not a YAML parser: a title is one line in every note
 * we have seen, and block scalars or flow collections are left without a title rather than guessed.
 */
function readTitle(yaml: string): string | undefined {
  const match = /^title[ \t]*:[ \t]*(.*)$/m.exec(yaml);
  if (!match) return undefined;
  const raw = match[1].trim();
  let value: string;
  if (raw.startsWith('"')) {
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(raw);
    if (!quoted) return undefined;
    value = quoted[1].replace(/\\(.)/g, '$1');
  } else if (raw.startsWith("'")) {
    const quoted = /^'((?:[^']|'')*)'/.exec(raw);
    if (!quoted) return undefined;
    value = quoted[1].replace(/''/g, "'");
  } else if (/^[|>[{&*!]/.test(raw)) {
    return undefined;
  } else {
    value = raw.replace(/(?:^|[ \t]+)#.*$/, '');
  }
  value = value.trim();
  return value.length > 0 ? value : undefined;
}
