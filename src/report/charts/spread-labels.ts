/**
 * Labels placed beside the points they name, nudged apart so none overlaps another: vega-lite places
 * text at its datum and has no collision avoidance for text marks, so the chart computes where each
 * label goes in pixels, on a scale whose domain it fixed itself.
 */

/** Where `value` sits on a log scale over `domain` drawn `height` px tall (0 at the top, as in SVG). */
export function logPixel(value: number, domain: readonly [number, number], height: number): number {
  const [lo, hi] = domain.map(Math.log10) as [number, number];
  return height * (1 - (Math.log10(value) - lo) / (hi - lo));
}

/** Where `value` sits on a linear scale over `domain` drawn `height` px tall. */
export function linearPixel(value: number, domain: readonly [number, number], height: number): number {
  return height * (1 - (value - domain[0]) / (domain[1] - domain[0]));
}

/** Tick values for a log axis over `domain`: 1, 2, 3, 5 and 7 times each power of ten, so values between two powers can be read. */
export function logTicks(domain: readonly [number, number]): number[] {
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(domain[0])); 10 ** power <= domain[1]; power++) {
    for (const step of [1, 2, 3, 5, 7]) {
      const tick = step * 10 ** power;
      if (tick >= domain[0] && tick <= domain[1]) ticks.push(tick);
    }
  }
  return ticks;
}

/** A log domain that holds every positive value: from the power of ten at or below the least to the one at or above the most. */
export function decadesAround(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [1, 10];
  const lo = 10 ** Math.floor(Math.log10(Math.min(...positive)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...positive)));
  return [lo, hi > lo ? hi : lo * 10];
}

/**
 * Vertical places, in pixels, for labels wanted at `wanted`: at least `gap` apart, each run of crowded
 * labels centred on where its labels wanted to be, all within [0, height]. Returned in the input's order.
 */
export function spreadLabels(wanted: readonly number[], gap: number, height: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const runs: { members: { y: number; i: number }[]; top: number }[] = [];
  const place = (members: { y: number; i: number }[]) => {
    const mean = members.reduce((sum, m) => sum + m.y, 0) / members.length;
    const span = (members.length - 1) * gap;
    return { members, top: Math.max(0, Math.min(height - span, mean - span / 2)) };
  };
  for (const label of order) {
    runs.push(place([label]));
    // Merge with the run above while they overlap: the merged run is centred again, and may reach the next one up.
    while (runs.length > 1) {
      const last = runs.at(-1)!;
      const previous = runs.at(-2)!;
      if (previous.top + previous.members.length * gap <= last.top) break;
      runs.splice(-2, 2, place([...previous.members, ...last.members]));
    }
  }
  const placed = new Array<number>(wanted.length);
  for (const run of runs) run.members.forEach((member, k) => (placed[member.i] = run.top + k * gap));
  return placed;
}
