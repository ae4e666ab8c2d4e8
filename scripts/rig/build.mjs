// Builds what the real-VS-Code tiers load: the extension bundles and the compiled mocha suite.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from './paths.mjs';
import { RigError } from './setup.mjs';

export const INTEGRATION_OUT = join(ROOT, 'out', 'test', 'integration');

/** `npm run build` (development bundles with source maps) or `build:prod`. */
export function buildExtension({ production = false } = {}) {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', ...(production ? ['--production'] : [])], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new RigError(`the extension build failed (exit ${result.status}); see the errors above`);
}

function tsFiles(dir, suffix) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full, suffix);
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

/**
 * Bundles test/integration/index.ts and every *.spec.ts to out/test/integration/ (CommonJS for
 * the extension host). `vscode` comes from the host and mocha from node_modules, so both stay external.
 */
export async function compileIntegrationTests() {
  const source = join(ROOT, 'test', 'integration');
  const entryPoints = [join(source, 'index.ts'), ...tsFiles(source, '.spec.ts')];
  rmSync(INTEGRATION_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: INTEGRATION_OUT,
    outbase: source,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return entryPoints.map((file) => relative(ROOT, file));
}
