import { describe, expect, it } from 'vitest';
import { commaList } from '../../src/shared/comma-list.js';

describe('commaList', () => {
  it('trims each item and drops empty ones', () => {
    expect(commaList(' a, b ,,c,')).toEqual(['a', 'b', 'c']);
  });

  it('reads a list of nothing but commas and spaces as empty, for the caller to refuse', () => {
    expect(commaList(' , ,')).toEqual([]);
  });
});
