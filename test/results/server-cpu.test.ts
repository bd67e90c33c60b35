/** The server's CPU as printed: below one /proc tick over the span it says "less than", never a measured-looking 0 %. */
import { describe, expect, it } from 'vitest';
import { serverCpu } from '../../src/results/format.js';

describe('serverCpu', () => {
  it('prints a figure at or above the resolution as measured', () => {
    expect(serverCpu({ cpuPercent: 42.5, cpuResolutionPercent: 3.33 })).toBe('42.5 %');
  });

  it('prints "< one tick" where fewer ticks were counted than one (0 ticks in a 0.3 s step)', () => {
    expect(serverCpu({ cpuPercent: 0, cpuResolutionPercent: 3.33 })).toBe('< 3.33 %');
  });

  it('prints — where nothing was measured, and a file from before the resolution was recorded as it is', () => {
    expect(serverCpu(null)).toBe('—');
    expect(serverCpu({ cpuPercent: 0 })).toBe('0 %');
  });
});
