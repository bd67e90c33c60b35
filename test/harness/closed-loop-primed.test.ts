/**
 * A primed closed loop: each connection's first answers are not followed by more until go(), so a
 * server starting a process or thread per connection starts them without the others' load; go()
 * refills every answered pipeline, and a connection still waiting goes on when answered.
 */
import { describe, expect, it } from 'vitest';
import type { EchoConnection } from '../../src/harness/load/echo-connection.js';
import type { LoadSpec } from '../../src/harness/load/generator-protocol.js';
import type { Load } from '../../src/harness/load/mode.js';
import { ClosedLoop } from '../../src/harness/load/closed-loop.js';

interface FakeConnection {
  slot: number;
  isConnected: boolean;
  inFlight: number;
  answered: number;
}

function fakeLoad(connections: number, pipelining: number, primed: boolean) {
  const slots: FakeConnection[] = Array.from({ length: connections }, (_, slot) => ({ slot, isConnected: true, inFlight: 0, answered: 0 }));
  const sent: number[] = [];
  const send = (c: FakeConnection) => {
    c.inFlight++;
    sent.push(c.slot);
    return 0;
  };
  const load: Load = {
    spec: { connections, pipelining, primed, amount: 0 } as LoadSpec,
    slots: slots as unknown as EchoConnection[],
    measuring: false,
    send: (c) => send(c as unknown as FakeConnection),
    sendMany: () => 0,
    sendLagged: () => {},
    sendFirst: (c) => {
      for (let i = 0; i < pipelining; i++) send(c as unknown as FakeConnection);
    },
    reconnect: () => {},
    endWindow: () => {},
  };
  /** One answer comes back on `slot`, and the loop hears of it. */
  const answer = (loop: ClosedLoop, slot: number) => {
    const c = slots[slot]!;
    c.inFlight--;
    c.answered++;
    loop.answered(c as unknown as EchoConnection);
  };
  return { load, slots, sent, answer };
}

describe('ClosedLoop, primed', () => {
  it('sends nothing after the first answers until go(), then refills every answered pipeline', () => {
    const { load, slots, sent, answer } = fakeLoad(3, 2, true);
    const loop = new ClosedLoop(load);
    for (const c of slots) loop.connected(c as unknown as EchoConnection);
    expect(sent).toEqual([0, 0, 1, 1, 2, 2]);
    answer(loop, 0);
    answer(loop, 0);
    answer(loop, 1);
    expect(sent).toHaveLength(6); // held
    loop.go();
    // Slot 0 had both answers back: two more; slot 1 one back: one more; slot 2 still has both in flight.
    expect(sent.slice(6)).toEqual([0, 0, 1]);
    expect(slots.map((c) => c.inFlight)).toEqual([2, 2, 2]);
    answer(loop, 2); // answered after go(): it loops from here
    expect(sent.at(-1)).toBe(2);
  });

  it('loops from the first answer when not primed (every other load)', () => {
    const { load, slots, sent, answer } = fakeLoad(1, 1, false);
    const loop = new ClosedLoop(load);
    loop.connected(slots[0] as unknown as EchoConnection);
    answer(loop, 0);
    expect(sent).toEqual([0, 0]);
  });
});
