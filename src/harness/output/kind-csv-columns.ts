/**
 * The output layer's CSV entry for each kind of scenario: the results.csv columns its rows fill
 * beside every row's own (results-writer.ts). A new kind adds its entry here, [] if it fills none
 * (tsc names the missing key). Every row has every column: another kind's are empty in it.
 */
import type { ResultRow } from '../../results/schema.js';
import type { ScenarioKind } from '../../results/scenario-kind.js';

export type CsvColumn = [name: string, cell: (row: ResultRow) => unknown];

/** A cell for a figure that may not have been measured: empty, never 0 (nor "null"). */
export const orEmpty = <T>(value: T | null | undefined, show: (value: T) => unknown = (v) => v) => (value === null || value === undefined ? '' : show(value));

export const KIND_CSV_COLUMNS: Record<ScenarioKind, readonly CsvColumn[]> = {
  'closed-loop': [],
  cpu: [],
  'slow-client': [],
  churn: [],
  'open-loop': [],
  capacity: [],
  abandoned: [
    ['departed_clients', (r) => orEmpty(r.abandoned?.departed)],
    ['first_echo_ms', (r) => orEmpty(r.abandoned?.firstEchoMs, (ms) => ms.toFixed(1))],
    ['server_cpu_sec_meanwhile', (r) => orEmpty(r.abandoned?.serverCpuSec, (s) => s.toFixed(2))],
    ['server_abandoned', (r) => orEmpty(r.abandoned?.serverAbandoned)],
    ['departure_bytes', (r) => orEmpty(r.abandoned?.departureBytes)],
    ['owed_echoes_echoed', (r) => orEmpty(r.abandoned?.owedEchoes?.echoed)],
    ['owed_echoes_closed_short', (r) => orEmpty(r.abandoned?.owedEchoes?.closedShort)],
    ['owed_echoes_waiting', (r) => orEmpty(r.abandoned?.owedEchoes?.waiting)],
  ],
  // Which of a model's series the step belongs to (a capped model runs two), and its cap.
  connections: [
    ['series', (r) => orEmpty(r.connectionsStep?.series)],
    ['cap', (r) => orEmpty(r.connectionsStep?.cap)],
  ],
};
