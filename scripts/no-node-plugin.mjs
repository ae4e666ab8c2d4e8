// An esbuild plugin for the browser bundle (dist/extension.web.js): the build fails when any module
// it pulls in imports a Node built-in (`fs`, `node:path`, `worker_threads`, …) or uses Node's
// globals (`process.env`, `Buffer`, `__dirname`, `require(`) in our own sources. vscode.dev and
// github.dev run the bundle in a web worker: such code would throw there, usually at activation.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isBuiltin = (path) => path.startsWith('node:') || BUILTINS.has(path) || BUILTINS.has(path.split('/')[0]);
/** Node's globals, as code uses them (a word "process" in a comment is not followed by `.env` and the like). */
const NODE_GLOBALS = /(?<![\w$.'"`])(process\.(env|argv|platform|cwd|exit|versions?|nextTick|on)\b|Buffer\.(from|alloc|isBuffer|concat)\b|__dirname\b|__filename\b|require\s*\()/;

/** A readable path of the import chain's last link, relative to the project. */
const short = (path) => path.replace(`${process.cwd()}/`, '');

export function noNodePlugin({ ownSources = /(^|\/)src\// } = {}) {
  return {
    name: 'no-node-in-browser',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path)) return undefined;
        return {
          errors: [{
            text: `the browser bundle must not import the Node built-in "${args.path}" (imported by ${short(args.importer)}); put Node-only code behind src/extension/platform/ and inject it from extension.ts`,
          }],
        };
      });
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!ownSources.test(args.path)) return undefined;
        const lines = readFileSync(args.path, 'utf8').split('\n');
        const at = lines.findIndex((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && NODE_GLOBALS.test(line));
        if (at < 0) return undefined;
        return {
          errors: [{
            text: `the browser bundle must not use Node's globals: ${short(args.path)}:${at + 1}: ${lines[at].trim()}`,
          }],
        };
      });
    },
  };
}
