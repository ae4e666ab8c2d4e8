// UI tier: the packaged VSIX installed into a real VS Code (code-server, started WITHOUT the smoke-test
// driver so that notifications show as a user sees them), driven through Debian's chromium by the
// test/e2e/*.e2e.ts files (node:test, one browser page each). Screenshots go to test-results/screenshots/.
// Files named *.zh.e2e.ts run afterwards in a second code-server whose display language is Chinese
// (zh-cn), with `kvmLab.language` left at `auto`.
// Options: --grep PATTERN (node:test name pattern), --file TEXT (only the files whose name contains
// it), KVM_LAB_KEEP_VSIX=1 (reuse the packed VSIX).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RigError, ROOT } from './rig.mjs';
import { runUiTier } from './rig/ui-tier.mjs';
import { hostTarget } from './package.mjs';

await runUiTier({
  name: 'e2e',
  installed: ' with the VSIX installed',
  // The VSIX a user of this machine installs: on Linux x86-64 the one with koffi, so that the
  // panel's "Real KVM (this machine)" runs for real (test/e2e/kvm.e2e.ts); else the universal one.
  target: hostTarget(),
  testFiles(filter) {
    const files = readdirSync(join(ROOT, 'test', 'e2e'))
      .filter((name) => name.endsWith('.e2e.ts') && (!filter || name.includes(filter)))
      .sort()
      .map((name) => join('test', 'e2e', name));
    if (files.length === 0) throw new RigError('no UI tests found under test/e2e');
    return files;
  },
  groups(files) {
    const chinese = files.filter((file) => file.endsWith('.zh.e2e.ts'));
    return [
      { name: 'e2e', files: files.filter((file) => !chinese.includes(file)) },
      { name: 'e2e-zh', files: chinese, locale: 'zh-cn', settings: { 'kvmLab.language': 'auto' } },
    ];
  },
});
