// UI tier: the packaged VSIX installed into a real VS Code (code-server, started WITHOUT the smoke-test
// driver so that notifications show as a user sees them), driven through Debian's chromium by the
// test/e2e/*.e2e.ts files (node:test, one browser page each). Screenshots go to test-results/screenshots/.
// Options: --grep PATTERN (node:test name pattern), KVM_LAB_KEEP_VSIX=1 (reuse the packed VSIX).
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
  testFiles() {
    const files = readdirSync(join(ROOT, 'test', 'e2e'))
      .filter((name) => name.endsWith('.e2e.ts'))
      .sort()
      .map((name) => join('test', 'e2e', name));
    if (files.length === 0) throw new RigError('no UI tests found under test/e2e');
    return files;
  },
});
