/**
 * Started directly with a Node older than 24, every CLI stops with one line naming the Node it
 * needs and exit code 2. Uses the system's Node (the one that runs npm) when it is older than 24.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_NODE_MAJOR } from '../../src/shared/require-node.js';
import { isOneCleanLine, runNode } from '../helpers/cli.js';

/** A `node` on PATH outside node_modules whose major version is below the required one. */
function findOldNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'node');
    if (dir.includes('node_modules') || !existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(version.slice(1).split('.')[0]) < REQUIRED_NODE_MAJOR) return candidate;
  }
  return undefined;
}

const oldNode = findOldNode();
const ENTRY_POINTS: Array<[string, string]> = [
  ['serve', 'dist/src/cli/serve.js'],
  ['client', 'dist/src/cli/client.js'],
  ['bench', 'dist/src/cli/bench.js'],
  ['report', 'dist/src/cli/report.js'],
  ['compare', 'dist/src/cli/compare.js'],
  ['bench:targets', 'dist/bench/targets.js'],
  ['bench:micro', 'dist/bench/micro/run.js'],
  ['readme', 'dist/bench/readme.js'],
];

describe.skipIf(oldNode === undefined)(`an old Node (${oldNode ?? 'none on PATH: skipped'})`, () => {
  it('runs the tests themselves on the pinned Node', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(REQUIRED_NODE_MAJOR);
  });

  it.each(ENTRY_POINTS)('%s stops with one line and exit code 2', async (name, script) => {
    const result = await runNode(script, ['--help'], { nodePath: oldNode });
    expect(result.code).toBe(2);
    expect(isOneCleanLine(result.stderr, name), result.stderr).toBe(true);
    expect(result.stderr).toContain(`needs Node ${REQUIRED_NODE_MAJOR} or newer, this is v`);
    expect(result.stdout).toBe('');
  });
});
