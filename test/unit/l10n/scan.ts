// Finders for the localization test: l10n.t calls in source text, bilingual objects in data,
// and the section structure of a Markdown note.

export interface L10nCall {
  line: number;
  /** The message, or undefined when it is computed (then no bundle can translate it). */
  message: string | undefined;
  source: string;
}

const QUOTES = new Set(["'", '"', '`']);

/** Reads the string literal starting at `text[start]` (a quote); undefined for a template with `${`. */
function literalAt(text: string, start: number): string | undefined {
  const quote = text[start];
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[++i];
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else if (c === quote) {
      return out;
    } else if (quote === '`' && c === '$' && text[i + 1] === '{') {
      return undefined;
    } else {
      out += c;
    }
  }
  return undefined;
}

export function l10nCalls(text: string): L10nCall[] {
  const calls: L10nCall[] = [];
  for (const match of text.matchAll(/\b(?:l10n|learnerL10n)\.t\(\s*/g)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    // A mention in a comment is not a call.
    if (/^\s*(\*|\/\/)|\/\//.test(text.slice(lineStart, match.index))) continue;
    const lineEnd = text.indexOf('\n', match.index);
    // learnerL10n hands its caller's literal on to vscode.l10n; the caller's call is the one scanned.
    if (text.slice(match.index, lineEnd < 0 ? undefined : lineEnd).includes('// l10n: pass-through')) continue;
    let at = match.index + match[0].length;
    if (text[at] === '{') {
      const message = /^\{\s*message\s*:\s*/.exec(text.slice(at));
      at = message ? at + message[0].length : -1;
    }
    const value = at >= 0 && QUOTES.has(text[at]) ? literalAt(text, at) : undefined;
    const line = text.slice(0, match.index).split('\n').length;
    calls.push({ line, message: value, source: text.slice(match.index, text.indexOf('\n', match.index + match[0].length)).trim() });
  }
  return calls;
}

const LANGS = ['en', 'zh-cn'] as const;

function shapeOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/**
 * Walks any data (objects, arrays, Maps, module namespaces) and reports every object that holds
 * one language without the other, an empty text, or two languages of different shape.
 */
export function bilingualGaps(data: unknown, name: string): string[] {
  const gaps: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const [key, item] of value) visit(item, `${path}[${String(key)}]`);
      return;
    }
    const record = value as Record<string, unknown>;
    const present = LANGS.filter((lang) => lang in record);
    if (present.length > 0) {
      for (const lang of LANGS) {
        if (!(lang in record)) gaps.push(`${path}: no ${lang}`);
        else if (typeof record[lang] === 'string' && (record[lang] as string).trim() === '') gaps.push(`${path}: empty ${lang}`);
      }
      if (present.length === 2) {
        const [en, zh] = [record.en, record['zh-cn']];
        if (shapeOf(en) !== shapeOf(zh)) gaps.push(`${path}: en is ${shapeOf(en)}, zh-cn ${shapeOf(zh)}`);
        else if (Array.isArray(en) && Array.isArray(zh) && en.length !== zh.length) gaps.push(`${path}: en has ${en.length} items, zh-cn ${zh.length}`);
        else if (shapeOf(en) === 'object') {
          const lacking = Object.keys(en as object).filter((key) => !(key in (zh as object)));
          const extra = Object.keys(zh as object).filter((key) => !(key in (en as object)));
          if (lacking.length > 0) gaps.push(`${path}: en has keys zh-cn lacks: ${lacking.join(', ')}`);
          if (extra.length > 0) gaps.push(`${path}: zh-cn has keys en lacks: ${extra.join(', ')}`);
        }
      }
    }
    const entries = Array.isArray(value) ? value.map((item, i) => [`[${i}]`, item] as const) : Object.keys(record).map((key) => [`.${key}`, record[key]] as const);
    for (const [step, item] of entries) visit(item, `${path}${step}`);
  };
  visit(data, name);
  return gaps;
}

/** `{0}`-style placeholders of a message, sorted. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
}

/**
 * The section structure of a note: for each heading, its level and how many top-level list
 * items and numbered references its section holds (text inside code fences does not count).
 */
export function headingShape(markdown: string): string[] {
  const shape: string[] = [];
  let fence = false;
  let items = 0;
  let level = 0;
  const close = () => {
    if (level > 0) shape.push(`h${level} items:${items}`);
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const heading = /^(#{1,6})\s/.exec(line);
    if (heading) {
      close();
      level = heading[1].length;
      items = 0;
    } else if (/^([-*+]|\d+[.)])\s/.test(line)) {
      items++;
    }
  }
  close();
  return shape;
}
