// Integration tier: the mocha suite (test/integration) inside a real VS Code extension host —
// code-server with the smoke-test driver, which honours the extensionDevelopmentPath /
// extensionTestsPath payload — opened in headless chromium. Exit code = the suite's result.
// Options: --grep PATTERN (mocha grep), KVM_LAB_TEST_TIMEOUT (seconds, default 180),
// --restricted (workspace trust on and the folder untrusted: the suite runs in Restricted Mode,
// and test/integration/restricted.spec.ts checks that it does).
import { mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureRig, startCodeServer, launchBrowser, workbenchUrl, cleanupAll, RigError, scratchWorkspace,
  makeProfile, RESTRICTED_MODE_SETTINGS, ROOT, RESULTS,
} from './rig.mjs';
import { buildExtension, compileIntegrationTests, INTEGRATION_OUT } from './rig/build.mjs';

const timeoutSeconds = Number(process.env.KVM_LAB_TEST_TIMEOUT ?? 180);
const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;
const restricted = process.argv.includes('--restricted');

function say(message) {
  console.log(`[integration] ${message}`);
}

async function main() {
  const started = Date.now();
  buildExtension();
  await compileIntegrationTests();
  ensureRig();
  mkdirSync(RESULTS, { recursive: true });
  const summaryFile = join(RESULTS, 'integration-summary.json');
  rmSync(summaryFile, { force: true });
  const browserLog = join(RESULTS, 'integration-browser.log');
  writeFileSync(browserLog, '');
  const mochaLog = join(RESULTS, 'integration-mocha.log');
  writeFileSync(mochaLog, '');

  const name = restricted ? 'integration-restricted' : 'integration';
  const server = await startCodeServer({
    name,
    smokeDriver: true,
    ...(restricted ? { dirs: makeProfile(name, RESTRICTED_MODE_SETTINGS), workspaceTrust: true } : {}),
    env: {
      KVM_LAB_TEST_SUMMARY: summaryFile,
      KVM_LAB_TEST_LOG: mochaLog,
      ...(grep ? { KVM_LAB_TEST_GREP: grep } : {}),
      ...(restricted ? { KVM_LAB_RESTRICTED: '1' } : {}),
    },
  });
  const { page } = await launchBrowser();
  page.on('console', (message) => appendFileSync(browserLog, `[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => appendFileSync(browserLog, `[pageerror] ${error.message}\n`));

  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (_level, message) => {
    // The workbench's log, and the extension host's console; mocha's report comes from mochaLog.
    appendFileSync(browserLog, `[automation] ${message}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));

  const workspace = scratchWorkspace('integration');
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const url = workbenchUrl(server.origin, workspace, [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(join(INTEGRATION_OUT, 'index.js'))],
  ]);
  say(`code-server on ${server.origin}; running the suite${restricted ? ' in Restricted Mode' : ''}`);
  await page.goto(url);

  const timer = setTimeout(() => finish('timeout'), timeoutSeconds * 1000);
  const code = await exited;
  clearTimeout(timer);
  process.stdout.write(readFileSync(mochaLog, 'utf8'));

  let summary;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    summary = undefined;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code === 'timeout') {
    console.error(`[integration] no result after ${timeoutSeconds} s; see ${browserLog} and ${server.logFile}`);
    return { code: 1, summary };
  }
  say(`extension host exited with ${code} after ${seconds} s` + (summary ? ` (${summary.passed} passed, ${summary.failed} failed)` : ''));
  return { code: code === 0 && summary && summary.failed === 0 ? 0 : 1, summary };
}

let exitCode = 1;
try {
  const { code, summary } = await main();
  exitCode = code;
  if (!summary) console.error('[integration] the suite reported no result (did it load? see test-results/integration-browser.log)');
} catch (error) {
  console.error(error instanceof RigError ? `[integration] ${error.message}` : error);
} finally {
  await cleanupAll();
}
process.exit(exitCode);
