/** CPU time of a process tree for before/after differences (the abandoned scenario's CPU meanwhile). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { treeCpuSeconds } from '../../src/harness/proc/proc.js';
import { eventually } from '../helpers/poll.js';

describe('treeCpuSeconds', () => {
  it('is undefined for a process that does not exist', () => {
    expect(treeCpuSeconds(2 ** 22 + 12_345)).toBeUndefined();
  });

  it('counts the CPU a process tree spends, and keeps what its exited children spent', async () => {
    // A shell whose child burns 0.3 s of CPU (by its own CPU clock, so a busy machine only makes it take longer)
    // and exits: once reaped, its time stays in the shell's (then sleep's) tree.
    const burn = 'const u = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e3; }; while (u() < 300);';
    const shell = spawn('sh', ['-c', `${process.execPath} -e "${burn}"; exec sleep 20`], { stdio: 'ignore' });
    try {
      const before = treeCpuSeconds(shell.pid!)!;
      // Until the burner has exited and sleep runs in its place (its command name changes), at most 15 s.
      await eventually('the CPU burner to finish', () => /\(sleep\)/.test(readFileSync(`/proc/${shell.pid}/stat`, 'utf8')), 15_000);
      const after = treeCpuSeconds(shell.pid!)!;
      // The burn plus Node's start and exit (well under 0.25 s); counted twice, it would pass 0.6.
      expect(after - before).toBeGreaterThan(0.25);
      expect(after - before).toBeLessThan(0.55);
    } finally {
      shell.kill('SIGKILL');
      await once(shell, 'exit');
    }
  });
});
