/**
 * The capacity search as a pure function over `measure(rate)`: step the offered rate up geometrically
 * until a step fails, then bisect (geometrically) between the last pass and the first fail. Only one
 * climbing step ever goes past the wall, and bisection stays below it, so a saturated model is not
 * pushed further and the step count is bounded. Nor is the load's shape: the climb stops below maxRate: at most 1 + max(maxClimbSteps, maxDescentSteps) + bisections
 * rates, each measured once, or twice where its first step failed only in some intervals (one stall
 * must not decide a model's capacity): the second measurement decides that rate.
 */
export interface StepOutcome {
  /** Achieved the held share of offered (results/held-rate.ts) and the objective met. */
  passed: boolean;
  /** The generator fell behind its schedule. */
  clientBound: boolean;
  /** Failed in every one of its intervals: a steady failure, not a stall's, so it is not measured again. */
  throughout: boolean;
  /** How long the step took to measure (warm-up and window), ms: counted against maxSearchMs. */
  ms?: number;
}

export interface SearchSettings {
  startRate: number;
  /** Each climbing (or, when the start already fails, descending) step multiplies or divides the rate by this. */
  factor: number;
  /** Steps between the last pass and the first fail once both are known: the bracket narrows to factor^(1/2^bisections). */
  bisections: number;
  /** Longest climb before giving up: the answer is then a lower bound, not a bracket. */
  maxClimbSteps: number;
  /** Longest descent when the start already fails. */
  maxDescentSteps: number;
  /** No step offers less: below it a short step holds too few answers for a p99 to mean anything. */
  minRate: number;
  /** No climbing step offers more (see run-search.ts: a multiple of the model's closed-loop rate). */
  maxRate: number;
  /** Once the steps so far took this long (ms), no further bisection: a model searched at low rates (long steps) gets a wider bracket, not an unbounded search. */
  maxSearchMs: number;
}

export const SEARCH_DEFAULTS: Omit<SearchSettings, 'startRate'> = { factor: 2, bisections: 2, maxClimbSteps: 10, maxDescentSteps: 4, minRate: 400, maxRate: Number.POSITIVE_INFINITY, maxSearchMs: Number.POSITIVE_INFINITY };

export interface SearchStep extends StepOutcome {
  rate: number;
  /** A second measurement of the rate before it, which failed in some intervals only. */
  confirms: boolean;
}

export interface SearchAnswer {
  steps: SearchStep[];
  sustainedRate: number | null;
  firstFailingRate: number | null;
  lowerBound: boolean;
}

/** Offered rates are whole msgs/s. */
const whole = (rate: number) => Math.max(1, Math.round(rate));

export async function searchCapacity(settings: SearchSettings, measure: (rate: number, confirms: boolean) => Promise<StepOutcome>): Promise<SearchAnswer> {
  const { factor, bisections, maxClimbSteps } = settings;
  const steps: SearchStep[] = [];
  /** Per rate tried, the step that decided it. */
  const decided: SearchStep[] = [];
  const measureStep = async (rate: number, confirms: boolean) => {
    const step = { rate, confirms, ...(await measure(rate, confirms)) };
    steps.push(step);
    return step;
  };
  const tryRate = async (rate: number) => {
    let step = await measureStep(rate, false);
    // A failure in some intervals only may be one stall: measured once more before the search goes below this rate.
    if (!step.passed && !step.throughout) step = await measureStep(rate, true);
    decided.push(step);
    return step.passed;
  };

  let pass: number | null = null;
  let fail: number | null = null;
  const { minRate, maxDescentSteps } = settings;
  let rate = whole(Math.max(minRate, settings.startRate));
  if (await tryRate(rate)) {
    pass = rate;
    // Up until the first failure.
    for (let i = 0; i < maxClimbSteps && fail === null; i++) {
      // No higher than maxRate: the answer is then a lower bound.
      if (rate * factor > settings.maxRate) break;
      rate = whole(rate * factor);
      if (await tryRate(rate)) pass = rate;
      else fail = rate;
    }
  } else {
    fail = rate;
    // The start was already too much: down until a pass.
    for (let i = 0; i < maxDescentSteps && pass === null && rate > minRate; i++) {
      rate = whole(Math.max(minRate, rate / factor));
      if (await tryRate(rate)) pass = rate;
      else fail = rate;
    }
  }
  if (pass !== null && fail !== null) {
    const spentMs = () => steps.reduce((sum, step) => sum + (step.ms ?? 0), 0);
    for (let i = 0; i < bisections && spentMs() < settings.maxSearchMs; i++) {
      const mid = whole(Math.sqrt(pass * fail));
      if (mid <= pass || mid >= fail) break; // the bracket is as narrow as whole rates go
      if (await tryRate(mid)) pass = mid;
      else fail = mid;
    }
  }
  // A failure the generator may have caused, or none at all, leaves the server's limit unknown above.
  const lowerBound = fail === null || decided.some((step) => !step.passed && step.clientBound);
  return { steps, sustainedRate: pass, firstFailingRate: fail, lowerBound };
}
