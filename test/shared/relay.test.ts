/** Relay, in process: a fake socket and a service whose replies the test fills in, in any order. */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { AdmissionGate } from '../../src/shared/admission-gate.js';
import { Relay, type PendingReply, type RelayOptions } from '../../src/shared/relay.js';

/** What Relay uses of a net.Socket, recorded. */
class FakeSocket extends EventEmitter {
  readonly written: string[] = [];
  paused = false;
  destroyed = false;
  ended = false;
  writableNeedDrain = false;
  isPaused(): boolean {
    return this.paused;
  }
  pause(): this {
    this.paused = true;
    return this;
  }
  resume(): this {
    this.paused = false;
    return this;
  }
  write(chunk: Uint8Array): boolean {
    this.written.push(Buffer.from(chunk).toString());
    return true;
  }
  end(): this {
    this.ended = true;
    return this;
  }
  destroy(): this {
    this.destroyed = true;
    return this;
  }
  /** The client sends `text`. */
  read(text: string): void {
    this.emit('data', Buffer.from(text));
  }
}

/** A relay whose service keeps each chunk's reply handle, to be filled in by the test. */
function relay(options: RelayOptions = {}) {
  const socket = new FakeSocket();
  const replies: PendingReply[] = [];
  const chunks: string[] = [];
  const relay = new Relay(
    socket as unknown as Socket,
    (chunk, reply) => {
      chunks.push(chunk.toString());
      replies.push(reply);
    },
    options,
  );
  const echo = (i: number) => replies[i]!.resolve(Buffer.from(chunks[i]!));
  return { socket, relay, replies, echo };
}

describe('Relay', () => {
  it('writes replies in the order the chunks were read, whatever order they complete in', () => {
    const { socket, echo } = relay();
    for (const text of ['a', 'b', 'c', 'd']) socket.read(text);
    echo(2);
    echo(3);
    expect(socket.written).toEqual([]); // 'a' is still out: nothing may overtake it
    echo(0);
    expect(socket.written).toEqual(['a']);
    echo(1);
    expect(socket.written).toEqual(['a', 'b', 'c', 'd']);
  });

  it('on a failed chunk, writes the replies before it, then closes the connection and writes nothing after', () => {
    const onFailure = vi.fn();
    const { socket, replies, echo } = relay({ onFailure });
    for (const text of ['a', 'b', 'c']) socket.read(text);
    echo(2);
    replies[1]!.reject(new Error('thread died'));
    expect(socket.destroyed).toBe(false); // 'a' first
    echo(0);
    expect(socket.written).toEqual(['a']);
    expect(socket.destroyed).toBe(true);
    expect(onFailure).toHaveBeenCalledOnce();
  });

  it('pauses reading at the in-flight bound and resumes once a reply brings it under', () => {
    const { socket, relay: r, echo } = relay({ maxInFlightBytes: 10 });
    socket.read('12345');
    expect(socket.paused).toBe(false);
    socket.read('67890'); // 10 bytes out: at the bound
    expect(socket.paused).toBe(true);
    expect(r.holdReason()).toBe('in-flight bytes');
    echo(1); // out of order: 'b' cannot be written before 'a', so both are still out
    expect(socket.paused).toBe(true);
    echo(0);
    expect(socket.paused).toBe(false);
    expect(r.holdReason()).toBeUndefined();
  });

  it('pauses on a full send buffer and resumes on drain', () => {
    const { socket, relay: r, echo } = relay();
    socket.writableNeedDrain = true;
    socket.read('a');
    expect(socket.paused).toBe(true);
    echo(0);
    expect(r.holdReason()).toBe('send buffer');
    socket.writableNeedDrain = false;
    socket.emit('drain');
    expect(socket.paused).toBe(false);
  });

  it('checks without side effects: holdReason() does not enlist the relay at a closed gate', () => {
    let open = false;
    const gate = new AdmissionGate(() => open);
    const hold = vi.spyOn(gate, 'hold');
    const { socket, relay: r } = relay({ admission: gate });
    for (let i = 0; i < 3; i++) expect(r.holdReason()).toBe('admission');
    expect(hold).not.toHaveBeenCalled();
    expect(socket.paused).toBe(false);
    socket.read('a'); // reading is what pauses it, and enlists it at the gate
    expect(socket.paused).toBe(true);
    expect(hold).toHaveBeenCalledOnce();
    open = true;
    gate.reopened();
    expect(socket.paused).toBe(false);
  });

  it('a relay paused on its send buffer still waits at the gate if the gate closed meanwhile', () => {
    let open = true;
    const gate = new AdmissionGate(() => open);
    const { socket } = relay({ admission: gate });
    socket.writableNeedDrain = true;
    socket.read('a');
    open = false;
    socket.writableNeedDrain = false;
    socket.emit('drain');
    expect(socket.paused).toBe(true); // the gate holds it now
    open = true;
    gate.reopened();
    expect(socket.paused).toBe(false);
  });

  it('the gate resumes waiting relays oldest first, and touches none once it is closed again', () => {
    let room = 0;
    const gate = new AdmissionGate(() => room > 0);
    const hold = vi.spyOn(gate, 'hold');
    const relays = [relay({ admission: gate }), relay({ admission: gate }), relay({ admission: gate })];
    for (const { socket } of relays) socket.read('x');
    expect(hold).toHaveBeenCalledTimes(3);
    gate.reopened(); // still closed: no relay is tried (and re-enlisted)
    expect(hold).toHaveBeenCalledTimes(3);
    // Resuming a relay takes the room it had (as its next read would fill the queue).
    for (const { socket } of relays) {
      socket.resume = function (this: FakeSocket) {
        room--;
        return FakeSocket.prototype.resume.call(this);
      };
    }
    room = 1;
    gate.reopened();
    expect(relays.map(({ socket }) => socket.paused)).toEqual([false, true, true]);
    room = 1;
    gate.reopened();
    expect(relays.map(({ socket }) => socket.paused)).toEqual([false, false, true]);
    expect(hold).toHaveBeenCalledTimes(3);
  });

  it("sends its FIN after the client's only once every reply is written", () => {
    const { socket, echo } = relay();
    socket.read('a');
    socket.read('b');
    socket.emit('end');
    echo(0);
    expect(socket.ended).toBe(false);
    echo(1);
    expect(socket.written).toEqual(['a', 'b']);
    expect(socket.ended).toBe(true);
  });
});
