/**
 * Scripts that run in their own process run as compiled JS from dist/. This module runs compiled
 * (dist/src/harness/) in real use and as TypeScript source (src/harness/) under vitest; both resolve
 * to the same compiled files.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
// Two levels up is the package root when running from source, dist/ when running compiled.
const distRoot = existsSync(new URL('package.json', root)) ? new URL('dist/', root) : root;

/** Absolute path of a compiled script, e.g. compiledScript('src/cli/serve.js'). */
export function compiledScript(pathFromRoot: string): string {
  return fileURLToPath(new URL(pathFromRoot, distRoot));
}
