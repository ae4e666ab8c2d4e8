// Compiles the extension-host suite to out/test/integration (for `npm run test:electron`).
import { buildExtension, compileIntegrationTests } from './rig/build.mjs';

buildExtension();
const files = await compileIntegrationTests();
console.log(`[compile-tests] ${files.length} files → out/test/integration`);
