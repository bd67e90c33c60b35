/** After a capacity search the harness waits until the server's own stats show nothing left to serve. */
import { describe, expect, it } from 'vitest';
import { untilServerQuiet } from '../../src/harness/capacity/quiet-server.js';
import type { ModelStats } from '../../src/models/model.js';

/** A server whose backlog empties one report at a time. */
function emptyingServer(reports: ModelStats[]) {
  let asked = 0;
  const stats = async () => reports[Math.min(asked++, reports.length - 1)]!;
  return { stats, asked: () => asked };
}

describe('waiting for a quiet server after a search', () => {
  it('waits until no connection is served or waiting', async () => {
    const server = emptyingServer([{ connections: 16, waiting: 4 }, { connections: 3, waiting: 0 }, { connections: 0, waiting: 2 }, { connections: 0, waiting: 0 }]);
    await untilServerQuiet(server.stats);
    expect(server.asked()).toBe(4);
  });

  it('gives up after its limit on a server that never empties', async () => {
    const server = emptyingServer([{ connections: 1, waiting: 0 }]);
    const start = Date.now();
    await untilServerQuiet(server.stats, 300);
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
    expect(server.asked()).toBeGreaterThan(2);
  });
});
