/** A row with no echo in its window is failed unless the server reported connections waiting in its queue. */
import { describe, expect, it } from 'vitest';
import { noErrors } from '../../src/harness/load/generator-protocol.js';
import { baseRow } from '../../src/harness/rows/base-row.js';
import { judgeSilence } from '../../src/harness/rows/point-row.js';
import { expand } from '../../src/scenarios/scenario.js';
import { slowClient } from '../../src/scenarios/slow-client.js';

const placement = { pinned: false, serverCpus: [], generatorCpus: [], note: 'test' };
const [point] = expand(slowClient, {});
const silent = { ...baseRow(point!, 'piscina', placement, 1), errors: { ...noErrors(), timeout: 15 } };

describe('judging a silent row', () => {
  it('is failed when the server reports nobody waiting (it stopped answering)', () => {
    expect(judgeSilence(silent, 0)).toMatchObject({ status: 'failed', failure: expect.stringMatching(/^stopped answering/) });
  });

  it('is failed when the server could not say (an external target)', () => {
    expect(judgeSilence(silent, undefined).status).toBe('failed');
  });

  it('stays a measurement when the server holds connections waiting by design', () => {
    expect(judgeSilence(silent, 15).status).toBe('ok');
  });

  it('leaves a row that echoed something alone', () => {
    const echoed = { ...silent, msgsPerSec: { ...silent.msgsPerSec, median: 100 } };
    expect(judgeSilence(echoed, 0).status).toBe('ok');
  });
});
