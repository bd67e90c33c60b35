/** hsha's Connection, in process: a fake socket, and jobs whose replies the test fills in, in any order. */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { Connection, MAX_UNWRITTEN_BYTES, type Job } from '../../src/models/hsha-connection.js';
import { NO_WORK } from '../../src/shared/work.js';

/** What Connection uses of a net.Socket, recorded. */
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
}

/** A connection and the jobs of the chunks it was given (`read`), each echoed when the test says. */
function connection(onFailure = vi.fn()) {
  const socket = new FakeSocket();
  const conn = new Connection(socket as unknown as Socket, NO_WORK, onFailure);
  const jobs: Job[] = [];
  const read = (text: string | Buffer) => {
    jobs.push(conn.jobFor(Buffer.from(text)));
    conn.readIfRoom();
  };
  const echo = (i: number) => jobs[i]!.done(jobs[i]!.data);
  return { socket, conn, jobs, read, echo };
}

describe('hsha Connection', () => {
  it('writes replies in the order the chunks were read, whatever order they complete in', () => {
    const { socket, read, echo } = connection();
    for (const text of ['a', 'b', 'c', 'd']) read(text);
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
    const { socket, jobs, read, echo } = connection(onFailure);
    for (const text of ['a', 'b', 'c']) read(text);
    echo(2);
    jobs[1]!.failed(new Error('thread died'));
    expect(socket.destroyed).toBe(false); // 'a' first
    echo(0);
    expect(socket.written).toEqual(['a']);
    expect(socket.destroyed).toBe(true);
    expect(onFailure).toHaveBeenCalledOnce();
  });

  it('stops reading at the bound on unwritten bytes and reads again once a reply brings it under', () => {
    const { socket, jobs, read } = connection();
    const half = Buffer.alloc(MAX_UNWRITTEN_BYTES / 2, 'x');
    read(half);
    expect(socket.paused).toBe(false);
    read(half); // at the bound
    expect(socket.paused).toBe(true);
    // As on the pool: each chunk is moved to a thread (its buffer here is then empty) and comes back anew.
    const served = jobs.map((job) => new Uint8Array(structuredClone(job.data.buffer, { transfer: [job.data.buffer] })));
    jobs[1]!.done(served[1]!); // out of order: the second cannot be written before the first, so both are still owed
    expect(socket.paused).toBe(true);
    jobs[0]!.done(served[0]!);
    expect(socket.paused).toBe(false);
  });

  it('stops reading on a full send buffer and reads again on drain', () => {
    const { socket, read, echo } = connection();
    socket.writableNeedDrain = true;
    read('a');
    expect(socket.paused).toBe(true);
    echo(0);
    expect(socket.paused).toBe(true);
    socket.writableNeedDrain = false;
    socket.emit('drain');
    expect(socket.paused).toBe(false);
  });

  it('reads nothing while its chunk waits for the queue, even when its send buffer drains', () => {
    const { socket, conn, read } = connection();
    conn.waitsForQueue = true;
    read('a');
    expect(socket.paused).toBe(true);
    socket.emit('drain');
    expect(socket.paused).toBe(true);
    conn.waitsForQueue = false;
    conn.readIfRoom();
    expect(socket.paused).toBe(false);
  });

  it("sends its FIN after the client's only once every reply is written", () => {
    const { socket, read, echo } = connection();
    read('a');
    read('b');
    socket.emit('end');
    echo(0);
    expect(socket.ended).toBe(false);
    echo(1);
    expect(socket.written).toEqual(['a', 'b']);
    expect(socket.ended).toBe(true);
  });
});
