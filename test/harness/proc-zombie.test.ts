/** A child that has exited but not been reaped yet (a zombie) still holds the CPU it spent until its parent reaps it. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLOCK_TICKS, treeCpuSeconds, treeUsage } from '../../src/harness/proc/proc.js';
import { eventually } from '../helpers/poll.js';

/** The pid of a zombie child of `parent`, if it has one. */
function zombieChild(parent: number): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue;
    }
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' && Number(fields[1]) === parent) return Number(name);
  }
  return undefined;
}

describe('a process tree with an unreaped child', () => {
  it("counts the exited child's CPU until its parent reaps it, and not the child as a process", async () => {
    // sh starts a burner in the background, then becomes sleep, which never reaps it: the burner stays a zombie.
    const burn = 'const u = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e3; }; while (u() < 300);';
    const shell = spawn('sh', ['-c', `${process.execPath} -e "${burn}" & exec sleep 20`], { stdio: 'ignore' });
    try {
      await eventually('the CPU burner to exit unreaped', () => zombieChild(shell.pid!), 15_000);
      const usage = treeUsage(shell.pid!);
      expect(usage.processes).toBe(1);
      // The burn alone is 0.3 s: left out, the tree's CPU would drop by it until the reap, then jump back.
      expect((usage.utime + usage.stime) / CLOCK_TICKS).toBeGreaterThan(0.25);
      expect(treeCpuSeconds(shell.pid!)).toBeGreaterThan(0.25);
    } finally {
      shell.kill('SIGKILL');
      await once(shell, 'exit');
    }
  });
});
