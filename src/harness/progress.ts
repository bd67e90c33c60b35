/** Progress with ETA on stderr (cli-progress); tables go through it so they print above the bar. */
import cliProgress from 'cli-progress';

export interface Progress {
  step(label: string): void;
  log(text: string): void;
  stop(): void;
}

/** A bar only on a terminal: cli-progress draws nothing to a pipe or file, and would hold back the tables too. */
export function createProgress(total: number, enabled: boolean, print: (text: string) => void): Progress {
  if (!enabled || !process.stderr.isTTY) return { step: () => {}, log: print, stop: () => {} };
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {bar} {value}/{total} points | ETA {eta_formatted} | {label}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 12,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, 0, { label: 'starting' });
  let done = -1;
  return {
    step(label) {
      done++;
      bar.update(Math.max(0, done), { label });
    },
    log(text) {
      bars.log(`${text}\n`);
    },
    stop() {
      bar.update(total, { label: 'done' });
      bars.stop();
    },
  };
}
