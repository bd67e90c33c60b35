/**
 * The bench flags that override a scenario parameter, in one table: each flag, the matrix key it
 * sets, the values it takes and its help line. A flag that takes a list sweeps its parameter.
 */
import { commaList } from '../../shared/comma-list.js';
import { parseNumber } from '../../shared/parse-number.js';
import { ignoredOverrides, type Overrides, type ParameterMatrix, type Scenario } from '../../scenarios/scenario.js';
import { UsageError } from '../../shared/exit-codes.js';

interface ParameterFlag {
  flag: string;
  short?: string;
  key: keyof ParameterMatrix;
  /** How the help names the value. */
  arg: string;
  help: string;
  min: number;
  max: number;
  /** Takes a comma-separated list: one point per value. */
  list?: boolean;
  /** A value that is not a plain number in [min, max] (e.g. --server-cores all). */
  parse?: (flag: string, item: string, range: { min: number; max: number }) => ParameterMatrix[keyof ParameterMatrix][number];
}

/** --server-cores: a count of the server's CPUs, or 'all' (every CPU the harness may use). */
const serverCoresValue = (flag: string, item: string, range: { min: number; max: number }) => (item === 'all' ? 'all' : parseNumber(flag, item, range));

export const PARAMETER_FLAGS: readonly ParameterFlag[] = [
  { flag: 'connections', short: 'c', key: 'connections', arg: 'n[,n...]', list: true, min: 1, max: 100_000, help: "connections; a list is a sweep (overrides the scenarios')" },
  { flag: 'size', short: 's', key: 'messageSize', arg: 'BYTES', min: 1, max: 16 * 2 ** 20, help: 'message size' },
  { flag: 'pipelining', short: 'p', key: 'pipelining', arg: 'N', min: 1, max: 1024, help: 'messages in flight per connection (closed loop)' },
  { flag: 'rate', short: 'R', key: 'rate', arg: 'N[,N...]', list: true, min: 1, max: 10_000_000, help: 'open loop: offered msgs/s in total (turns closed-loop scenarios open); a list is a sweep' },
  { flag: 'messages-per-connection', key: 'messagesPerConnection', arg: 'N', min: 1, max: 1_000_000, help: 'churn: reconnect after N messages' },
  { flag: 'server-cores', key: 'serverCores', arg: 'k[,k...]|all', list: true, min: 1, max: 4096, parse: serverCoresValue, help: 'server pinned to its first k CPUs (all: every one); a list is a core sweep' },
  { flag: 'amount', short: 'a', key: 'amount', arg: 'N', min: 1, max: 1e12, help: 'fixed amount: N messages per point in all, no warm-up, one repeat' },
];

/** Their parseArgs declarations. */
export const PARAMETER_OPTIONS = Object.fromEntries(
  PARAMETER_FLAGS.map(({ flag, short }) => [flag, short ? { type: 'string' as const, short } : { type: 'string' as const }]),
);

/** Their lines of the usage text. */
export const PARAMETER_USAGE = PARAMETER_FLAGS.map(({ flag, short, arg, help }) => `  ${`${short ? `-${short}, ` : ''}--${flag} ${arg}`.padEnd(30)}${help}`).join('\n');

/**
 * An override a selected scenario would not read (-R with churn, --messages-per-connection with open,
 * -p with -R's open loop) is refused, naming the scenarios that would drop it and those of the suite
 * that take every option given.
 */
export function refuseIgnoredOverrides(selected: readonly Scenario[], overrides: Overrides, suite: readonly Scenario[]): void {
  const dropped = (scenario: Scenario) => ignoredOverrides(scenario, overrides);
  for (const { flag, key } of PARAMETER_FLAGS) {
    const ignoring = selected.filter((scenario) => dropped(scenario).includes(key));
    if (ignoring.length === 0) continue;
    const taking = suite.filter((scenario) => dropped(scenario).length === 0).map((scenario) => scenario.name);
    throw new UsageError(
      `--${flag} does not apply to ${ignoring.map((scenario) => scenario.name).join(', ')}` +
        (taking.length > 0 ? `: choose scenarios that take it with --scenarios (${taking.join(', ')})` : ', nor to any scenario with the other options given'),
    );
  }
}

/** The overrides the given flags make (`values`: parseArgs's, by flag name). */
export function parameterOverrides(values: Readonly<Record<string, unknown>>): Overrides {
  const overrides: Overrides = {};
  for (const { flag, key, min, max, list, parse = parseNumber } of PARAMETER_FLAGS) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const items = list ? commaList(raw) : [raw];
    // An empty list is refused like any value out of range.
    const parsed = items.length > 0 ? items.map((item) => parse(flag, item, { min, max })) : [parse(flag, raw, { min, max })];
    (overrides as Record<string, unknown>)[key] = parsed;
  }
  return overrides;
}
