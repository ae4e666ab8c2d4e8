// Web tier: the extension's `browser` entry (dist/extension.web.js) running in a real browser's web
// worker extension host, as in vscode.dev and github.dev, driven by test/e2e/web.e2e.ts.
//
// Why this route: @vscode/test-web downloads VS Code's web build (and a browser) at run time, which
// these machines cannot. code-server's workbench is VS Code's own web workbench and has the same
// Web Worker Extension Host as vscode.dev; VS Code runs an extension there when its manifest has a
// `browser` entry and no `main` (its extension kind is then only "web"). So the packaged VSIX is
// installed and the installed copy's manifest loses `main`: everything else (bundle, assets, l10n,
// contributions) is byte for byte what the marketplace serves to vscode.dev. The test checks that the
// extension really runs in the web worker (its "Web Worker" host), not in code-server's Node host.
// Options: --grep PATTERN, KVM_LAB_KEEP_VSIX=1 (reuse dist/kvm-lab.vsix).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RigError } from './rig.mjs';
import { runUiTier } from './rig/ui-tier.mjs';

/** A command no shared feature registers; see webWorker.web.ts. */
const NODE_ONLY_PROBE = { command: 'kvmLab.webTest.nodeOnlyProbe', title: 'Node-only Probe (web test)', category: 'KVM Lab' };

/** Makes the installed extension web-only: `browser` stays, `main` goes (what vscode.dev runs); adds the probe command. */
function makeWebOnly(extensionsDir) {
  const folder = readdirSync(extensionsDir).find((name) => /^kvm-lab\.kvm-lab-/.test(name));
  if (!folder) throw new RigError(`the VSIX was installed but no kvm-lab folder is in ${extensionsDir}`);
  const manifestPath = join(extensionsDir, folder, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (!manifest.browser || !existsSync(join(extensionsDir, folder, manifest.browser))) {
    throw new RigError(`the packaged extension has no browser bundle (${manifest.browser ?? 'no "browser" field'}); check package.json and .vscodeignore`);
  }
  delete manifest.main;
  // Stands in for a Node-only feature's command (the manifest is the same in every host): the
  // browser entry must answer it with its notice, not "command not found".
  manifest.contributes.commands.push(NODE_ONLY_PROBE);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

await runUiTier({
  name: 'web',
  installed: ', the extension web-only (browser entry)',
  prepare: (dirs) => makeWebOnly(dirs.extensions),
  testFiles: () => [join('test', 'e2e', 'webWorker.web.ts')],
});
