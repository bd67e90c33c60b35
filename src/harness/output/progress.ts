/**
 * What bench prints while it runs. Tables go to stdout and bench's own messages to stderr, at once
 * and in every mode; on a terminal a progress bar with an ETA (cli-progress) sits on stderr's last
 * line. The bar is cleared before each line is written and redrawn after, so it never holds a line
 * back (cli-progress's MultiBar.log() kept each line until the next redraw, and stop() dropped the
 * last: the final table never reached a terminal).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  step(label: string): void;
  /** A result table: stdout. */
  table(text: string): void;
  /** Bench's own message (SIGINT: stopping, …): stderr. */
  message(text: string): void;
  stop(): void;
}

export interface ProgressStreams {
  out: NodeJS.WritableStream;
  err: NodeJS.WriteStream;
}

/** `quiet`: print no tables (--json prints the results instead). */
export function createProgress(total: number, showBar: boolean, quiet = false, streams: ProgressStreams = { out: process.stdout, err: process.stderr }): Progress {
  const table = (text: string) => quiet || streams.out.write(`${text}\n`);
  const message = (text: string) => streams.err.write(`${text}\n`);
  if (!showBar || !streams.err.isTTY) return { step: () => {}, table, message, stop: () => {} };

  const bar = new cliProgress.SingleBar(
    { stream: streams.err, format: formatBar, hideCursor: true, clearOnComplete: true, etaBuffer: 12 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: 'starting' });
  let done = -1;
  /** Clear the bar's line, write, draw the bar again below what was written. */
  const above = (write: () => void) => {
    streams.err.write('\r\x1b[2K');
    write();
    bar.render();
  };
  return {
    step(label) {
      done++;
      bar.update(Math.max(0, done), { label });
    },
    table: (text) => above(() => table(text)),
    message: (text) => above(() => message(text)),
    stop() {
      bar.update(total, { label: 'done' });
      bar.stop();
    },
  };
}

/** ` ▓▓▓░░░ 3/20 points | ETA 2m10s | echo-small c=16 fork`: no ETA until one can be estimated. */
const formatBar: cliProgress.GenericFormatter = (options, params, payload: { label: string }) => {
  const eta = Number.isFinite(params.eta) && params.value > 0 ? `ETA ${cliProgress.Format.TimeFormat(params.eta, options, 1)}` : 'ETA …';
  return ` ${cliProgress.Format.BarFormat(params.progress, options)} ${params.value}/${params.total} points | ${eta} | ${payload.label}`;
};
