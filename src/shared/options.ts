/** The serve command's options: one table of flags, validated once, shared by every model. */
import { availableParallelism } from 'node:os';
import { parseCommandLine } from './command-line.js';
import { UsageError } from './exit-codes.js';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './log.js';
import { parseNumber } from './parse-number.js';
import { isModelId, MODEL_IDS, type ModelId } from '../models/ids.js';

export interface ServeOptions {
  model: ModelId;
  host: string;
  port: number;
  backlog: number;
  /** µs of CPU per `workBytes` bytes received (see shared/work.ts). */
  workUs: number;
  workBytes: number;
  /** Close a connection that sends nothing for this long; 0 = never. */
  idleTimeoutMs: number;
  /** How long a stop waits for live connections before closing them. */
  graceMs: number;
  logLevel: LogLevel;
  daemon: boolean;
  pidFile: string | undefined;
  logFile: string | undefined;
  /** fork: live children at most; more connections wait in FIFO order. */
  maxChildren: number;
  /** worker: live worker threads at most; more connections wait in FIFO order. */
  maxWorkers: number;
  /** piscina, hsha: pool size; reuseport: listening threads. */
  threads: number;
  /** piscina: connections one pool thread serves at once. */
  connsPerThread: number;
  /** piscina: queued connection tasks at most (more wait in the accept queue); hsha: queued tasks before connections stop being read. */
  maxQueue: number;
  /** cluster: worker processes. */
  workers: number;
  /** Test hook: a worker or child that receives exactly these bytes crashes (see reliability tests). */
  crashToken: string | undefined;
}

const cores = availableParallelism();

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 7007,
  // Node's 511 overflows under a burst of a few thousand connects; the kernel caps it at net.core.somaxconn.
  backlog: 4096,
  workUs: 0,
  workBytes: 64,
  idleTimeout: 0,
  grace: 5,
  logLevel: 'info' as LogLevel,
  maxChildren: 64,
  maxWorkers: 64,
  threads: cores,
  connsPerThread: 1,
  maxQueue: 256,
  workers: cores,
};

/** Flags that only mean something for some models; giving them to another is a usage error. */
const MODEL_FLAGS: Record<string, readonly ModelId[]> = {
  'max-children': ['fork'],
  'max-workers': ['worker'],
  threads: ['piscina', 'hsha', 'reuseport'],
  'conns-per-thread': ['piscina'],
  'max-queue': ['piscina', 'hsha'],
  workers: ['cluster'],
};

export const USAGE = `usage: serve <model> [options]

models: ${MODEL_IDS.join(', ')}

options:
  --host H            address to bind (default ${DEFAULTS.host}; 0.0.0.0 to accept from the network)
  --port N            TCP port, 0 picks a free one (default ${DEFAULTS.port})
  --backlog N         listen backlog (default ${DEFAULTS.backlog})
  --work-us N         µs of CPU work per --work-bytes bytes received (default ${DEFAULTS.workUs})
  --work-bytes N      block size the work is charged per (default ${DEFAULTS.workBytes})
  --idle-timeout S    close connections idle for S seconds, 0 = never (default 0)
  --grace S           seconds a stop waits for live connections (default ${DEFAULTS.grace})
  --log-level L       ${LOG_LEVELS.join(' | ')} (default ${DEFAULTS.logLevel})
  --daemon            detach; needs --pid-file and --log-file
  --pid-file F        write the server's pid to F (removed on stop)
  --log-file F        append logs to F instead of stderr
  -h, --help          this text

model options:
  fork:     --max-children N  live children at most, others wait FIFO (default ${DEFAULTS.maxChildren})
  worker:   --max-workers N   live threads at most, others wait FIFO (default ${DEFAULTS.maxWorkers})
  piscina:  --threads N           pool threads (default: cores = ${DEFAULTS.threads})
            --conns-per-thread K  connections a pool thread serves at once (default ${DEFAULTS.connsPerThread})
            --max-queue N         connection tasks queued in the pool; more wait unread (default ${DEFAULTS.maxQueue})
  hsha:     --threads N           pool threads (default: cores = ${DEFAULTS.threads})
            --max-queue N         queued tasks before reading pauses (default ${DEFAULTS.maxQueue})
  cluster:  --workers N           worker processes (default: cores = ${DEFAULTS.workers})
  reuseport: --threads N          listening threads (default: cores = ${DEFAULTS.threads})`;

export type ParsedServe = { help: true } | { help: false; options: ServeOptions };

export function parseServeArgs(argv: readonly string[]): ParsedServe {
  const { values, positionals } = parseCommandLine(argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    backlog: { type: 'string' },
    'work-us': { type: 'string' },
    'work-bytes': { type: 'string' },
    'idle-timeout': { type: 'string' },
    grace: { type: 'string' },
    'log-level': { type: 'string' },
    daemon: { type: 'boolean' },
    'pid-file': { type: 'string' },
    'log-file': { type: 'string' },
    'max-children': { type: 'string' },
    'max-workers': { type: 'string' },
    threads: { type: 'string' },
    'conns-per-thread': { type: 'string' },
    'max-queue': { type: 'string' },
    workers: { type: 'string' },
    'crash-token': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, true);
  if (values.help) return { help: true };
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'missing model' : `one model expected, got: ${positionals.join(' ')}`);
  }
  const model = positionals[0]!;
  if (!isModelId(model)) throw new UsageError(`unknown model '${model}' (models: ${MODEL_IDS.join(', ')})`);

  for (const [flag, models] of Object.entries(MODEL_FLAGS)) {
    if ((values as Record<string, unknown>)[flag] !== undefined && !models.includes(model)) {
      throw new UsageError(`--${flag} applies to ${models.join(', ')}, not to ${model}`);
    }
  }

  const num = (flag: keyof typeof values, fallback: number, range: { min: number; max: number; fractional?: boolean }) => {
    const raw = values[flag];
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
  const crashToken = values['crash-token'];
  if (crashToken !== undefined && crashToken.length === 0) throw new UsageError('--crash-token must not be empty');

  return {
    help: false,
    options: {
      model,
      host,
      port: num('port', DEFAULTS.port, { min: 0, max: 65535 }),
      backlog: num('backlog', DEFAULTS.backlog, { min: 1, max: 65535 }),
      workUs: num('work-us', DEFAULTS.workUs, { min: 0, max: 10_000_000, fractional: true }),
      workBytes: num('work-bytes', DEFAULTS.workBytes, { min: 1, max: 1 << 30 }),
      idleTimeoutMs: num('idle-timeout', DEFAULTS.idleTimeout, { min: 0, max: 86_400, fractional: true }) * 1000,
      graceMs: num('grace', DEFAULTS.grace, { min: 0, max: 3600, fractional: true }) * 1000,
      logLevel,
      daemon,
      pidFile: values['pid-file'],
      logFile: values['log-file'],
      maxChildren: num('max-children', DEFAULTS.maxChildren, { min: 1, max: 4096 }),
      maxWorkers: num('max-workers', DEFAULTS.maxWorkers, { min: 1, max: 4096 }),
      threads: num('threads', DEFAULTS.threads, { min: 1, max: 256 }),
      connsPerThread: num('conns-per-thread', DEFAULTS.connsPerThread, { min: 1, max: 4096 }),
      maxQueue: num('max-queue', DEFAULTS.maxQueue, { min: 1, max: 1_000_000 }),
      workers: num('workers', DEFAULTS.workers, { min: 1, max: 256 }),
      crashToken,
    },
  };
}
