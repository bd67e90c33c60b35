/**
 * The serve command's options: the flags every model takes are declared here, the flags only some
 * take come from the model registry (src/models/index.ts); one usage text, validated once.
 */
import { parseCommandLine } from '../shared/command-line.js';
import { UsageError } from '../shared/exit-codes.js';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../shared/log.js';
import { parseNumber } from '../shared/parse-number.js';
import { isModelId, MODEL_IDS, type ModelId } from '../models/ids.js';
import { MODELS } from '../models/index.js';
import { MODEL_DEFAULTS, MODEL_FLAGS, MODEL_OPTION_KEYS, modelOptions, type ModelOptionKey, type ServeOptions } from '../models/options.js';

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 7007,
  // Node's 511 overflows under a burst of a few thousand connects; the kernel caps it at net.core.somaxconn.
  backlog: 4096,
  workUs: 0,
  workBytes: 64,
  workRounds: 0,
  idleTimeout: 0,
  grace: 5,
  logLevel: 'info' as LogLevel,
  ...MODEL_DEFAULTS,
};

/** The models that take each model option, in the registry's order. */
const TAKEN_BY = Object.fromEntries(
  MODEL_OPTION_KEYS.map((option) => [option, MODEL_IDS.filter((model) => MODELS[model].flags.some((use) => use.option === option))]),
) as Record<ModelOptionKey, ModelId[]>;

/** Each model's flags, its name on the first line: `  fork:     --max-children N  …`. */
const modelUsage = MODEL_IDS.flatMap((model) => MODELS[model].flags.map(({ usage }, i) => `  ${(i === 0 ? `${model}:` : '').padEnd(9)} ${usage}`));

export const USAGE = `usage: serve <model> [options]

models: ${MODEL_IDS.join(', ')}

options:
  --host H            address to bind (default ${DEFAULTS.host}; 0.0.0.0 to accept from the network)
  --port N            TCP port, 0 picks a free one (default ${DEFAULTS.port})
  --backlog N         listen backlog (default ${DEFAULTS.backlog})
  --work-us N         µs of CPU work per --work-bytes bytes received (default ${DEFAULTS.workUs})
  --work-bytes N      block size the work is charged per (default ${DEFAULTS.workBytes})
  --work-rounds N     hash rounds per block, as calibrated elsewhere (the bench's one calibration
                      per run); default: calibrate at start-up, so --work-us costs about that here
  --idle-timeout S    close connections idle for S seconds, 0 = never (default 0)
  --grace S           seconds a stop waits for live connections (default ${DEFAULTS.grace})
  --log-level L       ${LOG_LEVELS.join(' | ')} (default ${DEFAULTS.logLevel})
  --daemon            detach; needs --pid-file and --log-file
  --pid-file F        write the server's pid to F (removed on stop)
  --log-file F        append logs to F instead of stderr
  -h, --help          this text

model options:
${modelUsage.join('\n')}`;

export type ParsedServe = { help: true } | { help: false; options: ServeOptions };

const modelFlagNames = MODEL_OPTION_KEYS.map((option) => MODEL_FLAGS[option].name);

export function parseServeArgs(argv: readonly string[]): ParsedServe {
  const { values, positionals } = parseCommandLine(argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    backlog: { type: 'string' },
    'work-us': { type: 'string' },
    'work-bytes': { type: 'string' },
    'work-rounds': { type: 'string' },
    'idle-timeout': { type: 'string' },
    grace: { type: 'string' },
    'log-level': { type: 'string' },
    daemon: { type: 'boolean' },
    'pid-file': { type: 'string' },
    'log-file': { type: 'string' },
    ...Object.fromEntries(modelFlagNames.map((name) => [name, { type: 'string' as const }])),
    'crash-token': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, true);
  if (values.help) return { help: true };
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'missing model' : `one model expected, got: ${positionals.join(' ')}`);
  }
  const model = positionals[0]!;
  if (!isModelId(model)) throw new UsageError(`unknown model '${model}' (models: ${MODEL_IDS.join(', ')})`);

  const given = values as Record<string, string | boolean | undefined>;
  for (const option of MODEL_OPTION_KEYS) {
    const { name } = MODEL_FLAGS[option];
    if (given[name] !== undefined && !TAKEN_BY[option].includes(model)) {
      throw new UsageError(`--${name} applies to ${TAKEN_BY[option].join(', ')}, not to ${model}`);
    }
  }

  const num = (flag: string, fallback: number, range: { min: number; max: number; fractional?: boolean }) => {
    const raw = given[flag];
    return typeof raw === 'string' ? parseNumber(flag, raw, range) : fallback;
  };

  const host = values.host ?? DEFAULTS.host;
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  const logLevel = values['log-level'] ?? DEFAULTS.logLevel;
  if (!isLogLevel(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'`);
  const daemon = values.daemon ?? false;
  if (daemon && (!values['pid-file'] || !values['log-file'])) {
    throw new UsageError('--daemon needs --pid-file F and --log-file F');
  }
  if (values['work-rounds'] !== undefined && (values['work-us'] === undefined || Number(values['work-us']) === 0)) {
    throw new UsageError('--work-rounds needs --work-us N (the work those rounds stand for)');
  }
  const crashToken = values['crash-token'];
  if (crashToken !== undefined && crashToken.length === 0) throw new UsageError('--crash-token must not be empty');

  const common = {
    model,
    host,
    port: num('port', DEFAULTS.port, { min: 0, max: 65535 }),
    backlog: num('backlog', DEFAULTS.backlog, { min: 1, max: 65535 }),
    workUs: num('work-us', DEFAULTS.workUs, { min: 0, max: 10_000_000, fractional: true }),
    workBytes: num('work-bytes', DEFAULTS.workBytes, { min: 1, max: 1 << 30 }),
    workRounds: num('work-rounds', DEFAULTS.workRounds, { min: 1, max: 1e9 }),
    idleTimeoutMs: num('idle-timeout', DEFAULTS.idleTimeout, { min: 0, max: 86_400, fractional: true }) * 1000,
    graceMs: num('grace', DEFAULTS.grace, { min: 0, max: 3600, fractional: true }) * 1000,
    logLevel,
    daemon,
    pidFile: values['pid-file'],
    logFile: values['log-file'],
  };
  // Every model option gets a value (its default if not given): the flags checked above say which can be given.
  const models = modelOptions((flag) => num(flag.name, flag.default, flag));
  return { help: false, options: { ...common, ...models, crashToken } };
}
