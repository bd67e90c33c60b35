#!/usr/bin/env node
// @ts-check
/**
 * echolab <command> [args]: runs serve, client, bench, report or compare from dist/, compiling the
 * TypeScript first only when a source is newer than the last build (tsc alone takes over a second).
 * Plain JavaScript because it runs before anything is compiled. The command runs in this process,
 * so Ctrl-C and SIGTERM reach it directly.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS = ['serve', 'client', 'bench', 'report', 'compare', 'agent'];
const USAGE = `usage: echolab <command> [options]   (commands: ${COMMANDS.join(', ')}; echolab <command> --help for each)`;

const [command, ...args] = process.argv.slice(2);
if (command === undefined || command === '--help' || command === '-h') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(command === undefined ? 2 : 0);
}
if (!COMMANDS.includes(command)) {
  process.stderr.write(`echolab: unknown command '${command}'; ${USAGE}\n`);
  process.exit(2);
}

/** Newest modification time (ms) under a file or folder. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const BUILD_INFO = join(ROOT, 'dist', '.tsbuildinfo');
const built = newest(BUILD_INFO);
const sources = Math.max(...['src', 'bench', 'test', 'tsconfig.json', 'package.json'].map((p) => newest(join(ROOT, p))));
if (built === 0 || sources > built) {
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    process.stderr.write(`echolab: the TypeScript build failed (tsc exit ${tsc.status ?? tsc.signal}); see its errors above\n`);
    process.exit(1);
  }
  // tsc leaves its build info untouched when nothing it emits changed: mark the build current.
  const now = new Date();
  utimesSync(BUILD_INFO, now, now);
}

// Under npm (npm run, npx) a SIGTERM to npm ends npm and its shell, not this process, which would
// then run on with no parent (PPID 1): when orphaned that way, stop as if the SIGTERM had come here.
if (process.env.npm_command !== undefined) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
  }, 250).unref();
}

// The command reads its own name and arguments from process.argv, as when it is started directly.
const script = join(ROOT, 'dist', 'src', 'cli', `${command}.js`);
process.argv = [process.argv[0] ?? process.execPath, script, ...args];
await import(pathToFileURL(script).href);
