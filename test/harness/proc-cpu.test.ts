/** CPU time of a process tree for before/after differences (the abandoned scenario's CPU meanwhile). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { treeCpuSeconds } from '../../src/harness/server/proc.js';

describe('treeCpuSeconds', () => {
  it('is undefined for a process that does not exist', () => {
    expect(treeCpuSeconds(2 ** 22 + 12_345)).toBeUndefined();
  });

  it('counts the CPU a process tree spends, and keeps what its exited children spent', async () => {
    // A shell whose child burns ~0.3 s of CPU and exits: once reaped, its time stays in the shell's (then sleep's) tree.
    const shell = spawn('sh', ['-c', `${process.execPath} -e "const end = Date.now() + 300; while (Date.now() < end);"; exec sleep 5`], { stdio: 'ignore' });
    try {
      const before = treeCpuSeconds(shell.pid!)!;
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const after = treeCpuSeconds(shell.pid!)!;
      const wall = (Date.now() - started) / 1000;
      expect(after - before).toBeGreaterThan(0.25);
      expect(after - before).toBeLessThan(wall);
    } finally {
      shell.kill('SIGKILL');
      await once(shell, 'exit');
    }
  });
});
