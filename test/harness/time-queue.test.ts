/** TimeQueue, in process: a ring of timestamps that grows when full, including while wrapped. */
import { describe, expect, it } from 'vitest';
import { TimeQueue } from '../../src/harness/load/time-queue.js';

const takeAll = (queue: TimeQueue) => Array.from({ length: queue.length }, () => queue.shift());
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('TimeQueue', () => {
  it('grows past its first 16 entries and keeps them in order', () => {
    const queue = new TimeQueue();
    for (const t of range(0, 100)) queue.push(t);
    expect(queue.length).toBe(100);
    expect(takeAll(queue)).toEqual(range(0, 100));
    expect(queue.length).toBe(0);
  });

  it('wraps around its end, and grows while wrapped without losing or reordering a time', () => {
    const queue = new TimeQueue();
    for (const t of range(0, 12)) queue.push(t);
    expect(takeAll(queue)).toEqual(range(0, 12)); // the head at 12 of 16, the ring empty
    for (const t of range(100, 114)) queue.push(t); // 4 at the end of the ring, 10 wrapped to its start
    expect(queue.countBefore(110)).toBe(10); // counted across the wrap
    expect(Array.from({ length: 6 }, () => queue.shift())).toEqual(range(100, 106)); // the head wraps too
    for (const t of range(114, 122)) queue.push(t); // full, still wrapped
    for (const t of range(122, 130)) queue.push(t); // grows while wrapped
    expect(queue.length).toBe(24);
    expect(queue.countBefore(120)).toBe(14);
    expect(takeAll(queue)).toEqual(range(106, 130));
  });
});
