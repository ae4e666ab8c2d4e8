// Renders the extension icon (package.json "icon") from media/icon.svg to a 128×128 PNG, so the
// picture is drawn once, as SVG. resvg is a Rust renderer shipped prebuilt inside its npm
// platform package: nothing is downloaded at run time, and the same SVG gives the same pixels.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SVG = join(ROOT, 'media', 'icon.svg');
export const ICON_PNG = join(ROOT, 'dist', 'icon.png');
export const ICON_SIZE = 128;

/** Writes dist/icon.png; returns its path. */
export function renderIcon() {
  const png = new Resvg(readFileSync(ICON_SVG), { fitTo: { mode: 'width', value: ICON_SIZE } }).render().asPng();
  mkdirSync(dirname(ICON_PNG), { recursive: true });
  writeFileSync(ICON_PNG, png);
  return ICON_PNG;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`[icon] ${renderIcon()}`);
}
