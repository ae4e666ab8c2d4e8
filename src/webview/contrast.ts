// Contrast-checked colours for the page. VS Code's chart and symbol colours are not meant for
// text: some are translucent highlights (charts.orange is 33% alpha in Dark Modern), some are
// missing in high-contrast themes, some are near 3:1 on light backgrounds. The page therefore
// picks, for each role, the first opaque theme colour that reads at WCAG AA on every background
// it is drawn on, and otherwise blends the best one towards the text colour until it does.
// DOM-free: the page resolves the theme's colours and passes them in.

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0 … 1. */
  readonly a: number;
}

/** WCAG 2 AA for normal text. */
export const AA_TEXT = 4.5;

/** WCAG 2.1 AA for graphics and the parts of controls (1.4.11 Non-text Contrast). */
export const AA_NON_TEXT = 3;

/** `rgb(…)`/`rgba(…)` (what getComputedStyle gives) or `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`. */
export function parseColor(text: string): Rgba | undefined {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,8})$/.exec(s);
  if (hex) {
    let h = hex[1]!;
    if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
    if (h.length !== 6 && h.length !== 8) return undefined;
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(s);
  if (!fn) return undefined;
  const alpha = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? parseFloat(fn[4]) / 100 : parseFloat(fn[4]);
  return { r: +fn[1]!, g: +fn[2]!, b: +fn[3]!, a: Math.min(1, Math.max(0, alpha)) };
}

/** `top` painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => Math.round(t * top.a + b * (1 - top.a));
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

function luminance(c: Rgba): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** The WCAG 2 contrast ratio of two opaque colours (1 … 21). */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export function toCss(c: Rgba): string {
  return `rgb(${c.r}, ${c.g}, ${c.b})`;
}

function mix(from: Rgba, to: Rgba, t: number): Rgba {
  const m = (x: number, y: number) => Math.round(x + (y - x) * t);
  return { r: m(from.r, to.r), g: m(from.g, to.g), b: m(from.b, to.b), a: 1 };
}

const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };
const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/**
 * The colour for one role: the first opaque `candidate` with at least `minimum` contrast on every
 * background; else the first opaque candidate blended towards `text` (the theme's foreground)
 * just enough; else `text` itself, if it reads; else `text` taken towards black or white until it
 * does. Backgrounds may be translucent: they are laid over `base`.
 */
export function pickReadable(candidates: readonly (Rgba | undefined)[], text: Rgba, backgrounds: readonly Rgba[], base: Rgba, minimum = AA_TEXT): Rgba {
  const grounds = [base, ...backgrounds.map((b) => (b.a < 1 ? over(b, base) : b))];
  const worst = (c: Rgba) => Math.min(...grounds.map((g) => contrast(c, g)));
  const opaque = candidates.filter((c): c is Rgba => c !== undefined && c.a >= 1);
  const good = opaque.find((c) => worst(c) >= minimum);
  if (good) return good;
  const textColour = text.a < 1 ? over(text, base) : text;
  const first = opaque[0];
  if (first) {
    for (let t = 0.1; t < 1; t += 0.1) {
      const blended = mix(first, textColour, t);
      if (worst(blended) >= minimum) return blended;
    }
  }
  if (worst(textColour) >= minimum) return textColour;
  // The theme's own text colour is too faint on one of the backgrounds (Light+'s #616161 on its
  // pink diff rows, 4.35:1): go on towards black or white, whichever stands further from the page.
  const extreme = contrast(BLACK, base) >= contrast(WHITE, base) ? BLACK : WHITE;
  for (let t = 0.1; t < 1; t += 0.1) {
    const blended = mix(textColour, extreme, t);
    if (worst(blended) >= minimum) return blended;
  }
  return extreme;
}
