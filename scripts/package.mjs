// Builds the production bundles and the icon, and packs dist/kvm-lab.vsix with vsce. markdown-it is
// bundled by esbuild, so the VSIX needs no node_modules (package.json "vsce": dependencies false);
// .vscodeignore is an allowlist.
//
// The README's pictures are relative links (docs/images/*.png, shipped in the VSIX): VS Code's
// Extensions view resolves them inside the installed extension. The marketplace needs absolute
// URLs, and this project has no public repository for vsce to guess them from, so a publisher
// sets KVM_LAB_BASE_URL (where the repository's files are served, e.g. a raw-content URL of the
// branch) and optionally KVM_LAB_BASE_IMAGES_URL; without them the links are left relative.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './rig/paths.mjs';
import { buildExtension } from './rig/build.mjs';
import { renderIcon } from './icon.mjs';

export const VSIX = join(ROOT, 'dist', 'kvm-lab.vsix');
const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

function vsce(args) {
  const result = spawnSync(process.execPath, [VSCE, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`vsce ${args[0]} failed:\n${`${result.stdout}${result.stderr}`.trim()}`);
  }
  return result.stdout;
}

/**
 * What must never ship: sources, source maps, dependencies, tests, the rig, and the CLI bundle
 * (it is the npm package's `bin`; a VSIX user has no way to run it).
 */
export const FORBIDDEN = [/\.ts$/, /\.map$/, /(^|\/)node_modules\//, /^(src|test|scripts|bench|out|\.vscode-test)\//, /^dist\/cli\.js$/];
/**
 * The bundles and assets come to under this; more means something slipped past the allowlist.
 * 1.5 MiB since the real-KVM worker (dist/kvmWorker.js: the simulator, the x86 code generator and
 * the runner, for the panel's "Real KVM (this machine)") joined the bundles.
 */
export const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;

/** vsce's options for the README's relative links, from the publisher's environment. */
export function linkOptions(env = process.env) {
  const content = env.KVM_LAB_BASE_URL?.trim();
  const images = env.KVM_LAB_BASE_IMAGES_URL?.trim() || content;
  if (!content && !images) return ['--no-rewrite-relative-links'];
  for (const url of [content, images].filter(Boolean)) {
    if (!/^https:\/\/[^/\s]+/.test(url)) throw new Error(`KVM_LAB_BASE_URL and KVM_LAB_BASE_IMAGES_URL must be https:// URLs, got "${url}"`);
  }
  return [...(content ? ['--baseContentUrl', content] : []), '--baseImagesUrl', images];
}

export function checkContents(files, bytes) {
  const bad = files.filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)));
  if (bad.length > 0) throw new Error(`the VSIX would ship files it must not:\n  ${bad.join('\n  ')}\n(check .vscodeignore)`);
  if (bytes > MAX_VSIX_BYTES) throw new Error(`the VSIX is ${(bytes / 1024 / 1024).toFixed(1)} MiB, over the ${MAX_VSIX_BYTES / 1024 / 1024} MiB budget`);
}

/** Returns { vsix, bytes, files } after packing; throws with vsce's message on a manifest problem. */
export function packageExtension({ quiet = false } = {}) {
  buildExtension({ production: true });
  renderIcon();
  vsce(['package', '--no-dependencies', '--no-update-package-json', ...linkOptions(), '-o', VSIX]);
  const files = vsce(['ls', '--no-dependencies']).split('\n').filter(Boolean);
  const { size } = statSync(VSIX);
  checkContents(files, size);
  if (!quiet) {
    console.log(`[package] ${VSIX}: ${(size / 1024).toFixed(1)} KiB, ${files.length} files`);
    for (const file of files) console.log(`  ${file}`);
  }
  return { vsix: VSIX, bytes: size, files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    packageExtension();
  } catch (error) {
    console.error(`[package] ${error.message}`);
    process.exit(1);
  }
}
