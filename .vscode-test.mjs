// @vscode/test-cli configuration (`npm run test:electron`), for machines that can download VS Code:
// the same mocha suite as `npm run test:integration`, compiled to out/test/integration by
// scripts/compile-tests.mjs, against the oldest supported VS Code and the newest.
import { defineConfig } from '@vscode/test-cli';

const shared = {
  files: 'out/test/integration/**/*.spec.js',
  workspaceFolder: 'test/fixtures/workspace',
  mocha: { ui: 'bdd', timeout: 30000 },
};

export default defineConfig([
  { ...shared, label: 'oldest', version: '1.90.0' },
  { ...shared, label: 'stable', version: 'stable' },
]);
