// One esbuild context per bundle: the extension host (Node, CommonJS, `vscode` external), the
// extension's browser entry (web worker, CommonJS, no Node: checked by no-node-plugin.mjs),
// the CLI (Node, with a shebang), the taxonomy's outline worker (Node), the Markdown preview's
// script (browser, IIFE) and, when its entry exists, the webview (browser, IIFE).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { noNodePlugin } from './no-node-plugin.mjs';

/** Resolves `./extension.web` in the Node entry to the built `./extension.web.js`, left external. */
function sharedFromWebBundle() {
  return {
    name: 'shared-from-web-bundle',
    setup(build) {
      build.onResolve({ filter: /^\.\/extension\.web$/ }, () => ({ path: './extension.web.js', external: true }));
    },
  };
}

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    // koffi (real KVM, src/host/kvm) is required lazily at run time and never bundled: its native binary must stay beside it.
    external: ['vscode', 'koffi'],
    // The shared features come from the browser bundle beside this one (one copy in the VSIX).
    plugins: [sharedFromWebBundle()],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
    external: ['koffi'],
  },
  // The `browser` entry for vscode.dev and github.dev: the web worker extension host, no Node.
  // A Node built-in or global anywhere in its import graph fails the build (no-node-plugin.mjs).
  {
    ...common,
    entryPoints: ['src/extension/extension.web.ts'],
    outfile: 'dist/extension.web.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    plugins: [noNodePlugin()],
  },
];
// The Note Taxonomy's outline worker (worker_threads), loaded by dist/extension.js from beside it.
builds.push({
  ...common,
  entryPoints: ['src/extension/taxonomy/outlineWorker.ts'],
  outfile: 'dist/outlineWorker.js',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
});
// Real KVM runs for the simulator panel (worker_threads), loaded by dist/extension.js from beside it.
builds.push({
  ...common,
  entryPoints: ['src/extension/simulator/kvm/kvmWorker.ts'],
  outfile: 'dist/kvmWorker.js',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['koffi'],
});
// The Markdown preview's script: explains a hovered glossary mark (browser, IIFE, no Node, no vscode).
builds.push({
  ...common,
  entryPoints: ['src/extension/glossary/previewScript.ts'],
  outfile: 'dist/preview.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
});
if (existsSync('src/webview/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // Imported CSS becomes dist/webview.css; codicons' font is copied beside it.
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  });
}

const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('[watch] build started');
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
