/**
 * Latency histograms that survive rollups: each value falls in a log-scale bin (bin b holds
 * values in (GROWTH^(b-1), GROWTH^b]; bin 0 holds everything up to 1), so an hour's histogram is
 * the sum of its minutes' and a percentile read from it is within 10 % of the true value. Stored
 * sparse, `{"<bin>": count}`.
 */
export const GROWTH = 1.1;
export type Histogram = Record<string, number>;

export function binOf(value: number): number {
  return value <= 1 ? 0 : Math.ceil(Math.log(value) / Math.log(GROWTH));
}

/** The same as binOf, in SQL, over the expression `value`. */
export const sqlBinOf = (value: string) => `CASE WHEN ${value} <= 1 THEN 0 ELSE ceil(ln(${value}) / ln(${GROWTH}))::int END`;

export function mergeHistograms(histograms: (Histogram | null | undefined)[]): Histogram {
  const merged: Histogram = {};
  for (const histogram of histograms) {
    if (!histogram) continue;
    for (const [bin, count] of Object.entries(histogram)) merged[bin] = (merged[bin] ?? 0) + Number(count);
  }
  return merged;
}

/**
 * The q-th quantile (0..1): the upper edge of the bin the quantile falls in, kept within the
 * observed min and max (one value alone is itself). Null for an empty histogram.
 */
export function quantileOf(histogram: Histogram, q: number, bounds: { min: number | null; max: number | null } = { min: null, max: null }): number | null {
  const bins = Object.entries(histogram)
    .map(([bin, count]) => [Number(bin), Number(count)] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bin, count] of bins) {
    seen += count;
    if (seen >= rank) {
      const edge = bin === 0 ? 1 : GROWTH ** bin;
      const low = bounds.min ?? -Infinity;
      const high = bounds.max ?? Infinity;
      return Math.min(Math.max(edge, low), high);
    }
  }
  return bounds.max;
}
