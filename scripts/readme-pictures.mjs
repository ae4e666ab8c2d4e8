// The README's pictures ship in the VSIX (its relative links must work on the installed extension's
// page), and the VSIX has a 1 MiB budget. Screenshots of the workbench have large flat areas of few
// colours, so a 256-colour palette (upng-js, pure JavaScript: no native tool to install) usually
// halves them without a visible change; each picture keeps whichever encoding is smaller.
//
//   node scripts/readme-pictures.mjs            re-encode every picture the README shows, in place
//   saveReadmePicture(pngPath, 'memory-view')   from a UI test: docs/images/memory-view.png
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import UPNG from 'upng-js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const IMAGES = join(ROOT, 'docs', 'images');

/** The smaller of `png` and its 256-colour re-encoding. */
export function smallerPng(png) {
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength));
  const rgba = UPNG.toRGBA8(image)[0];
  const palette = Buffer.from(UPNG.encode([rgba], image.width, image.height, 256));
  return palette.length < png.length ? palette : png;
}

/** Writes the screenshot at `pngPath` as docs/images/NAME.png, re-encoded if that is smaller. */
export function saveReadmePicture(pngPath, name) {
  mkdirSync(IMAGES, { recursive: true });
  const target = join(IMAGES, `${name}.png`);
  writeFileSync(target, smallerPng(readFileSync(pngPath)));
  return target;
}

/** The pictures README.md shows (`](docs/images/NAME.png)`). */
export function readmePictures() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...new Set([...readme.matchAll(/\]\((docs\/images\/[^)\s]+\.png)\)/g)].map((m) => join(ROOT, m[1])))];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of readmePictures()) {
    const before = readFileSync(file);
    const after = smallerPng(before);
    if (after !== before) writeFileSync(file, after);
    console.log(`${file.slice(ROOT.length + 1)}: ${(before.length / 1024).toFixed(0)} KiB → ${(after.length / 1024).toFixed(0)} KiB`);
  }
}
