/** Every threshold the tradeoff claims use, in one place: change one here and the golden test says which claims moved. */
export const CLAIM_THRESHOLDS = {
  /** A ranked cell at or under this share of its column's best is far behind (4×: beyond any noise this machine shows). */
  farBehindScore: 0.25,
  /** In a column measured once (no repeats to rank by), only a gap this wide (10×) is far behind: no noise spans it. */
  farBehindOnceScore: 0.1,
  /** A first place shared by more servers than this leads nothing worth a claim. */
  mostLeaders: 3,
} as const;
