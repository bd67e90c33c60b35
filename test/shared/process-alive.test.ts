/** isAlive: a running process is alive; an exited one is not, nor a zombie nobody has reaped yet. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../src/shared/process-alive.js';
import { eventually } from '../helpers/poll.js';

const state = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]![0];

describe.skipIf(process.platform !== 'linux')('isAlive', () => {
  it('tells a running process from an exited one and from a zombie', async () => {
    expect(isAlive(process.pid)).toBe(true);
    // sh starts a child that ends on our word (a line on fd 3), prints its pid, then becomes a sleep
    // that never reaps it: once the child ends, it is a zombie.
    const parent = spawn('sh', ['-c', 'head -n 1 <&3 >/dev/null & echo $!; exec sleep 10'], { stdio: ['ignore', 'pipe', 'ignore', 'pipe'] });
    try {
      const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
      const child = Number(line.toString().trim());
      expect(isAlive(child)).toBe(true);
      (parent.stdio[3] as Writable).write('end\n');
      await eventually('the child to become a zombie', () => state(child) === 'Z', 3_000);
      expect(isAlive(child)).toBe(false);
      expect(isAlive(parent.pid!)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
      await once(parent, 'exit');
    }
    expect(isAlive(parent.pid!)).toBe(false);
  });
});
