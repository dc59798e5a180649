import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binOf, GROWTH, mergeHistograms, quantileOf, type Histogram } from "./histogram";

const histogramOf = (values: number[]): Histogram => mergeHistograms(values.map((value) => ({ [binOf(value)]: 1 })));
const trueQuantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(q * values.length)) - 1];

describe("latency histograms", () => {
  it("give every quantile within 10 % above the true one, however the values were split into buckets and merged", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.5, 0.95, 0.99),
        fc.integer({ min: 1, max: 7 }),
        (values, q, parts) => {
          // Minutes merged into an hour: the split does not change the answer.
          const pieces = Array.from({ length: parts }, (_, i) => histogramOf(values.filter((_, n) => n % parts === i)));
          const estimate = quantileOf(mergeHistograms(pieces), q, { min: Math.min(...values), max: Math.max(...values) })!;
          const truth = trueQuantile(values, q);
          expect(estimate).toBeGreaterThanOrEqual(truth);
          expect(estimate).toBeLessThanOrEqual(Math.max(1, truth * GROWTH));
        },
      ),
    );
  });

  it("has nothing to say about nothing, and one value is itself", () => {
    expect(quantileOf({}, 0.5)).toBeNull();
    expect(quantileOf(histogramOf([237]), 0.99, { min: 237, max: 237 })).toBe(237);
  });
});
