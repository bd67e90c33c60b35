/** A run whose servers ran on another host (--server-host) does not claim its traffic stayed on loopback. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caveats } from '../../src/report/caveats.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const onHost = (serverHost: string): ResultsFile => ({ ...fixture, results: fixture.results.map((row) => ({ ...row, serverHost })) });

describe('caveats with --server-host', () => {
  it('say the traffic crossed the network to that host', () => {
    const said = caveats(onHost('bench@10.200.0.2')).join('\n');
    expect(said).toContain('The servers ran on bench@10.200.0.2 and traffic went over the network to it');
    expect(said).not.toContain('All traffic is on loopback');
  });

  it('still say loopback when that host is this machine', () => {
    expect(caveats(onHost('localhost')).join('\n')).toContain('All traffic is on loopback');
  });
});
