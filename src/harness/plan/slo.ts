/** --slo: a latency objective such as `p99=10ms`, parsed once, refused in one line when malformed. */
import { UsageError } from '../../shared/exit-codes.js';
import type { Slo } from '../../results/schema.js';

const UNIT_US = { us: 1, µs: 1, ms: 1_000, s: 1_000_000 } as const;

export function parseSlo(raw: string): Slo {
  const match = /^(p50|p99|p999)=(\d+(?:\.\d+)?)(us|µs|ms|s)$/.exec(raw.trim());
  const objectiveUs = match ? Number(match[2]) * UNIT_US[match[3] as keyof typeof UNIT_US] : 0;
  if (!match || !(objectiveUs > 0)) {
    throw new UsageError(`--slo must be PERCENTILE=TIME with PERCENTILE p50, p99 or p999 and TIME above 0 in us, ms or s (e.g. p99=10ms), got '${raw}'`);
  }
  return { percentile: match[1] as Slo['percentile'], objectiveUs };
}

export { formatSlo } from '../../results/slo-format.js';
