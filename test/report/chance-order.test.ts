/** What the tie rule is worth, said from the run's own repeat count. */
import { describe, expect, it } from 'vitest';
import { chanceOrderText } from '../../src/report/intervals.js';

describe('the chance that repeats order two equal servers', () => {
  it('is one in C(2n, n): 20 for three repeats each, 252 for five, 6 for two', () => {
    expect(chanceOrderText(3)).toContain('once in 20 ');
    expect(chanceOrderText(5)).toContain('once in 252 ');
    expect(chanceOrderText(2)).toContain('once in 6 ');
  });

  it('says nothing where a point was measured once', () => {
    expect(chanceOrderText(1)).toBeNull();
    expect(chanceOrderText(0)).toBeNull();
  });
});
