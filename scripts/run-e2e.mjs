// UI tier: the packaged VSIX installed into a real VS Code (code-server, started WITHOUT the smoke-test
// driver so that notifications show as a user sees them), driven through Debian's chromium by the
// test/e2e/*.e2e.ts files (node:test, one browser page each). Screenshots go to test-results/screenshots/.
// Options: --grep PATTERN (node:test name pattern), KVM_LAB_KEEP_VSIX=1 (reuse dist/kvm-lab.vsix).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RigError, ROOT } from './rig.mjs';
import { runUiTier } from './rig/ui-tier.mjs';

await runUiTier({
  name: 'e2e',
  installed: ' with the VSIX installed',
  testFiles() {
    const files = readdirSync(join(ROOT, 'test', 'e2e'))
      .filter((name) => name.endsWith('.e2e.ts'))
      .sort()
      .map((name) => join('test', 'e2e', name));
    if (files.length === 0) throw new RigError('no UI tests found under test/e2e');
    return files;
  },
});
