/**
 * The open loop's sending, in process against a fake load and a fake clock: every due message goes
 * in one pass, one write per connection, each with its own intended time; what falls due during a
 * turn's reads goes after the read, not at the turn's end.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EchoConnection } from '../../src/harness/load/echo-connection.js';
import { decode } from '../../src/harness/load/histogram.js';
import type { LoadSpec } from '../../src/harness/load/generator-protocol.js';
import type { Load } from '../../src/harness/load/mode.js';
import { OpenLoop } from '../../src/harness/load/open-loop.js';

interface Batch {
  slot: number;
  at: number;
  intended: number[];
}

/** `connections` connections at `rate` msgs/s in all; the clock reads `clock.now`. */
function fakeLoad(connections: number, rate: number, clock: { now: number }) {
  const batches: Batch[] = [];
  const slots = Array.from({ length: connections }, (_, slot) => ({ slot, isConnected: true, socket: new EventEmitter() }) as unknown as EchoConnection);
  const load: Load = {
    spec: { connections, rate, spin: false } as LoadSpec,
    slots,
    measuring: true,
    send: () => Number.NaN,
    sendMany: (connection, count, intended) => {
      batches.push({ slot: connection.slot, at: clock.now, intended: Array.from({ length: count }, (_, k) => intended(k)) });
      return clock.now;
    },
    sendLagged: () => {},
    sendFirst: () => {},
    reconnect: () => {},
    endWindow: () => {},
  };
  return { load, slots, batches };
}

// The loop's own timers never fire here: each test drives it by hand.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('OpenLoop', () => {
  it('a late pass sends every due message, one write per connection, with its own intended time, and records each one’s lag', () => {
    const clock = { now: 1000 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    // 2 connections at 1000 msgs/s: each every 2 ms, phases 0 and 1 ms.
    const { load, batches } = fakeLoad(2, 1000, clock);
    const loop = new OpenLoop(load);
    loop.start(); // sends what is due at 1000: slot 0's first
    expect(batches).toEqual([{ slot: 0, at: 1000, intended: [1000] }]);
    batches.length = 0;
    loop.windowStarted();
    clock.now = 1006.5; // a 6.5 ms stall
    loop.sendDue(clock.now);
    expect(batches).toEqual([
      { slot: 0, at: 1006.5, intended: [1002, 1004, 1006] },
      { slot: 1, at: 1006.5, intended: [1001, 1003, 1005] },
    ]);
    const lag = decode(loop.windowReport().sendLag!);
    expect(lag.totalCount).toBe(6);
    expect(lag.maxValue).toBeGreaterThanOrEqual(5490); // 1006.5 - 1001 ms, in µs (3 significant digits)
    expect(lag.getValueAtPercentile(0)).toBeLessThanOrEqual(501);
    loop.stop();
  });

  it('a connection not connected does not send, and its messages are not owed later', () => {
    const clock = { now: 0 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    const { load, slots, batches } = fakeLoad(2, 1000, clock);
    (slots[1] as { isConnected: boolean }).isConnected = false;
    const loop = new OpenLoop(load);
    loop.start();
    clock.now = 4.5;
    loop.sendDue(clock.now);
    (slots[1] as { isConnected: boolean }).isConnected = true;
    clock.now = 5;
    loop.sendDue(clock.now);
    expect(batches.filter((b) => b.slot === 1)).toEqual([{ slot: 1, at: 5, intended: [5] }]);
    loop.stop();
  });

  it('after a socket read, sends what fell due meanwhile; before its time, nothing', () => {
    const clock = { now: 0 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    const { load, slots, batches } = fakeLoad(1, 1000, clock);
    const loop = new OpenLoop(load);
    loop.start();
    loop.connected(slots[0]!);
    batches.length = 0;
    clock.now = 0.9;
    slots[0]!.socket.emit('data', Buffer.alloc(1));
    expect(batches).toEqual([]);
    clock.now = 1.2;
    slots[0]!.socket.emit('data', Buffer.alloc(1));
    expect(batches).toEqual([{ slot: 0, at: 1.2, intended: [1] }]);
    loop.stop();
    clock.now = 5;
    slots[0]!.socket.emit('data', Buffer.alloc(1));
    expect(batches).toHaveLength(1); // stopped: reads no longer send
  });
});
