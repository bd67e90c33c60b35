/**
 * A row's anatomy as the cost of one unit of its work: per message answered, under churn per
 * connection completed (connect, one echo, close), in the abandoned scenario per departed client (from
 * the first departure to the new client's first echo), in a connections step per connection it added. Null where the side was not read or bought nothing.
 */
import type { CostFigures, ResultRow, SideAnatomy } from './schema.js';

export type CostSide = 'server' | 'generator';

export function costUnit(row: ResultRow): 'message' | 'connection' | 'departed client' | 'connection added' {
  if (row.connectionsStep) return 'connection added';
  return row.abandoned ? 'departed client' : row.mode === 'churn' ? 'connection' : 'message';
}

/** The figures of one side (or one of its roles) divided by the row's units. */
export function perUnit(row: ResultRow, side: CostSide, role?: string): { [K in keyof CostFigures]: number | null } | null {
  const anatomy = row.anatomy;
  const figures: SideAnatomy | CostFigures | undefined = role === undefined ? (anatomy?.[side] ?? undefined) : anatomy?.[side]?.roles.find((r) => r.role === role);
  // Churn's completed connections, the abandoned scenario's departed clients and a connections step's new ones are counted as connections.
  const units = anatomy ? (costUnit(row) === 'message' ? anatomy.answers : anatomy.connectionsCompleted) : 0;
  if (!figures || units === 0) return null;
  const per = (value: number | null) => (value === null ? null : value / units);
  return {
    threads: figures.threads,
    cpuUs: per(figures.cpuUs),
    userUs: per(figures.userUs),
    systemUs: per(figures.systemUs),
    runDelayUs: per(figures.runDelayUs),
    voluntarySwitches: per(figures.voluntarySwitches),
    involuntarySwitches: per(figures.involuntarySwitches),
    readCalls: per(figures.readCalls),
    writeCalls: per(figures.writeCalls),
  };
}

/** Threads that ended between the anatomy's reads: the side's figures are then lower bounds. */
export function endedThreads(row: ResultRow, side: CostSide): number {
  return row.anatomy?.[side]?.endedThreads ?? 0;
}
