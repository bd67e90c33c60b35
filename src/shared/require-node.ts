/**
 * Imported first by every command-line entry point: on a Node older than the project runs on, stop
 * at once with one line (exit code 2) instead of failing somewhere deep inside with a stack trace.
 */
import { basename } from 'node:path';

export const REQUIRED_NODE_MAJOR = 24;

/** Entry files whose npm script has another name. */
const NPM_SCRIPTS: Record<string, string> = { targets: 'bench:targets', run: 'bench:micro' };

const major = Number(process.versions.node.split('.')[0]);
if (major < REQUIRED_NODE_MAJOR) {
  const file = basename(process.argv[1] ?? 'echolab', '.js');
  const command = NPM_SCRIPTS[file] ?? file;
  process.stderr.write(
    `${command}: needs Node ${REQUIRED_NODE_MAJOR} or newer, this is ${process.version}; ` +
      `run it through npm (npm ci, then npm run ${command} …), which uses the Node ${REQUIRED_NODE_MAJOR} that npm ci puts in node_modules/.bin\n`,
  );
  process.exit(2);
}
