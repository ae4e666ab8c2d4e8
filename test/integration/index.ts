// Entry point VS Code's extension host calls for `extensionTestsPath`: runs every compiled
// *.spec.js next to this file with mocha (resolved from the project's node_modules).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

function specFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(full);
    return entry.name.endsWith('.spec.js') ? [full] : [];
  });
}

/**
 * Mocha's reporter writes through Base.consoleLog; the extension host forwards console output
 * to the browser with format strings unapplied, so format here and, for the rig's runner, also
 * append to the file it names.
 */
function routeReporterOutput(): void {
  const logFile = process.env.KVM_LAB_TEST_LOG;
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => {
    const line = util.format(...data);
    console.log(line);
    if (logFile) fs.appendFileSync(logFile, `${line}\n`);
  };
}

export async function run(): Promise<void> {
  routeReporterOutput();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.KVM_LAB_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of specFiles(__dirname).sort()) mocha.addFile(file);
  let failures: number;
  try {
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((failed) => {
        // The rig's runner reads the counts from here; the exit code alone cannot carry them.
        const summaryFile = process.env.KVM_LAB_TEST_SUMMARY;
        if (summaryFile) {
          const stats = runner.stats ?? { passes: 0, failures: failed, pending: 0 };
          fs.writeFileSync(summaryFile, JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending }));
        }
        resolve(failed);
      });
    });
  } catch (error) {
    // A spec that fails to load never reaches the reporter: make it visible.
    Mocha.reporters.Base.consoleLog(`the integration suite could not run: ${error instanceof Error ? error.stack : String(error)}`);
    throw error;
  }
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
