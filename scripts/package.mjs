// Builds the production bundles and the icon, and packs dist/kvm-lab.vsix with vsce. markdown-it is
// bundled by esbuild, so the VSIX needs no node_modules (package.json "vsce": dependencies false);
// .vscodeignore is an allowlist.
//
// Two VSIXes (docs/real-kvm.md, "Packaging"): the universal dist/kvm-lab.vsix without koffi (every
// platform, vscode.dev; real KVM there says it needs the linux-x64 build), and, where npm installed
// koffi's linux-x64 binary, dist/kvm-lab-linux-x64.vsix (`vsce package --target linux-x64`) with
// koffi's loader and only its linux-x64 glibc binary staged in dist/koffi/ (vsce never packs
// node_modules with dependencies off; src/host/kvm/ffi.ts loads koffi from there). Real KVM exists
// only on Linux, and the marketplace serves a target's VSIX to that platform only.
//
// The README's pictures are relative links (docs/images/*.png, shipped in the VSIX): VS Code's
// Extensions view resolves them inside the installed extension. The marketplace needs absolute
// URLs, and this project has no public repository for vsce to guess them from, so a publisher
// sets KVM_LAB_BASE_URL (where the repository's files are served, e.g. a raw-content URL of the
// branch) and optionally KVM_LAB_BASE_IMAGES_URL; without them the links are left relative.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './rig/paths.mjs';
import { buildExtension } from './rig/build.mjs';
import { renderIcon } from './icon.mjs';

export const VSIX = join(ROOT, 'dist', 'kvm-lab.vsix');
export const LINUX_X64_VSIX = join(ROOT, 'dist', 'kvm-lab-linux-x64.vsix');
/** Where the linux-x64 VSIX carries koffi (beside the bundles: dist/extension.js requires ./koffi/index.cjs). */
export const KOFFI_STAGE = join(ROOT, 'dist', 'koffi');
/** koffi's files the loader needs (from node_modules/koffi), and its linux-x64 glibc binary where the loader looks first. */
const KOFFI_FILES = ['index.cjs', 'src/koffi/index.cjs', 'src/koffi/src/static.cjs', 'LICENSE.txt'];
const KOFFI_BINARY = 'build/koffi/linux_x64/koffi.node';
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
/** The bundles and assets come to under this; more means something slipped past the allowlist. */
export const MAX_VSIX_BYTES = 1024 * 1024;
/**
 * The linux-x64 VSIX also carries real KVM: the panel's worker (dist/kvmWorker.js: the simulator,
 * the x86 code generator and the runner, ~65 KiB packed) and koffi's binary (1.1 MB, ~320 KiB
 * packed), which no build of ours can shrink: its budget is the universal one's plus 1 MiB for them.
 */
export const MAX_LINUX_X64_VSIX_BYTES = 2 * 1024 * 1024;
/** Allowlisted in the linux-x64 VSIX only, after .vscodeignore's own list. */
export const LINUX_X64_ONLY = ['!dist/kvmWorker.js', '!dist/koffi/**'];
export const TARGETS = ['universal', 'linux-x64'];

/** The VSIX a machine should install: the one with real KVM on Linux x86-64, else the universal one. */
export function hostTarget(platform = process.platform, arch = process.arch) {
  return platform === 'linux' && arch === 'x64' ? 'linux-x64' : 'universal';
}

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

export function checkContents(files, bytes, target = 'universal') {
  const bad = files.filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)));
  if (bad.length > 0) throw new Error(`the VSIX would ship files it must not:\n  ${bad.join('\n  ')}\n(check .vscodeignore)`);
  const natives = files.filter((file) => /\.node$/.test(file));
  if (target === 'universal') {
    const koffi = files.filter((file) => file.startsWith('dist/koffi/') || file === 'dist/kvmWorker.js');
    if (koffi.length > 0) throw new Error(`the universal VSIX must not ship koffi or the real-KVM worker (it runs everywhere without them):\n  ${koffi.join('\n  ')}`);
  } else {
    const wanted = `dist/koffi/${KOFFI_BINARY}`;
    if (!files.includes(wanted)) throw new Error(`the ${target} VSIX lacks koffi's binary ${wanted}`);
    const others = natives.filter((file) => file !== wanted);
    if (others.length > 0) throw new Error(`the ${target} VSIX ships native binaries of other platforms:\n  ${others.join('\n  ')}`);
  }
  const max = target === 'linux-x64' ? MAX_LINUX_X64_VSIX_BYTES : MAX_VSIX_BYTES;
  if (bytes > max) throw new Error(`the ${target === 'universal' ? '' : `${target} `}VSIX is ${(bytes / 1024 / 1024).toFixed(1)} MiB, over the ${max / 1024 / 1024} MiB budget`);
}

/** koffi's linux-x64 binary as npm installed it (an optional dependency: absent on other platforms). */
export function koffiBinary() {
  const path = join(ROOT, 'node_modules', '@koromix', 'koffi-linux-x64', 'linux_x64', 'koffi.node');
  return existsSync(path) ? path : undefined;
}

/** Copies koffi's loader and its linux-x64 binary to dist/koffi/; false where npm did not install the binary. */
export function stageKoffi() {
  const binary = koffiBinary();
  if (!binary) return false;
  rmSync(KOFFI_STAGE, { recursive: true, force: true });
  const copy = (from, to) => {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  };
  for (const file of KOFFI_FILES) copy(join(ROOT, 'node_modules', 'koffi', file), join(KOFFI_STAGE, file));
  copy(binary, join(KOFFI_STAGE, KOFFI_BINARY));
  return true;
}

/** The allowlist of `target`'s VSIX: .vscodeignore, plus real KVM's files for linux-x64. */
function ignoreFile(target) {
  const base = join(ROOT, '.vscodeignore');
  if (target === 'universal') return base;
  const file = join(ROOT, 'dist', `.vscodeignore.${target}`);
  writeFileSync(file, `${readFileSync(base, 'utf8')}\n${LINUX_X64_ONLY.join('\n')}\n`);
  return file;
}

function pack(target, vsix, quiet) {
  const targetArgs = target === 'universal' ? [] : ['--target', target];
  const ignore = ['--ignoreFile', ignoreFile(target)];
  vsce(['package', '--no-dependencies', '--no-update-package-json', ...targetArgs, ...ignore, ...linkOptions(), '-o', vsix]);
  const files = vsce(['ls', '--no-dependencies', ...ignore]).split('\n').filter(Boolean);
  const { size } = statSync(vsix);
  checkContents(files, size, target);
  if (!quiet) {
    console.log(`[package] ${vsix}: ${(size / 1024).toFixed(1)} KiB, ${files.length} files`);
    for (const file of files) console.log(`  ${file}`);
  }
  return { vsix, bytes: size, files, target };
}

/**
 * Builds once and packs `target` ('universal', 'linux-x64', or 'all': both); returns the result of
 * the last one packed ({ vsix, bytes, files, target }), or of each with 'all'. A linux-x64 VSIX
 * asked for where koffi's linux-x64 binary is not installed is an error; with 'all' it is skipped
 * with a line saying why.
 */
export function packageExtension({ quiet = false, target = 'universal' } = {}) {
  buildExtension({ production: true });
  renderIcon();
  const results = [];
  try {
    if (target === 'universal' || target === 'all') {
      rmSync(KOFFI_STAGE, { recursive: true, force: true });
      results.push(pack('universal', VSIX, quiet));
    }
    if (target === 'linux-x64' || target === 'all') {
      if (stageKoffi()) results.push(pack('linux-x64', LINUX_X64_VSIX, quiet));
      else if (target === 'all') console.log('[package] no linux-x64 VSIX: npm did not install koffi\'s linux-x64 binary here (@koromix/koffi-linux-x64)');
      else throw new Error('the linux-x64 VSIX needs koffi\'s linux-x64 binary (@koromix/koffi-linux-x64), which npm installs only on Linux x86-64');
    }
  } finally {
    // A later universal packaging must not find koffi in dist/.
    rmSync(KOFFI_STAGE, { recursive: true, force: true });
  }
  return target === 'all' ? results : results[results.length - 1];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    packageExtension({ target: 'all' });
  } catch (error) {
    console.error(`[package] ${error.message}`);
    process.exit(1);
  }
}
