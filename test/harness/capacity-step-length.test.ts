/** How long a search step measures: as long as its rate needs for its percentile's answers, in whole intervals, bounded. */
import { describe, expect, it } from 'vitest';
import { lowestRate, MAX_STEP_MS, MIN_STEP_MS, stepAnswers, stepWindowMs } from '../../src/harness/capacity/step-length.js';

describe('capacity step length', () => {
  it('a p99 stands on a few thousand answers, a p999 on ten times as many', () => {
    expect(stepAnswers('p99')).toBeGreaterThanOrEqual(2_000);
    expect(stepAnswers('p999')).toBe(10 * stepAnswers('p99'));
  });

  it('follows the rate: at least the answers the percentile needs, in whole intervals, within its bounds', () => {
    const answers = stepAnswers('p99');
    for (const rate of [lowestRate(answers, MAX_STEP_MS), 2_345, 7_000, 12_100]) {
      const ms = stepWindowMs(rate, answers, 100, MAX_STEP_MS);
      expect((rate * ms) / 1000).toBeGreaterThanOrEqual(answers);
      expect(ms % 100).toBe(0);
      expect(ms).toBeLessThanOrEqual(MAX_STEP_MS);
    }
    // A fast model's steps are short, never under the minimum; a slow one's never over the longest.
    expect(stepWindowMs(200_000, answers, 100, MAX_STEP_MS)).toBe(MIN_STEP_MS);
    expect(stepWindowMs(100, answers, 100, MAX_STEP_MS)).toBe(MAX_STEP_MS);
    expect(stepWindowMs(100, answers, 100, 1_000)).toBe(1_000);
  });
});
