import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchByJsonSize } from "./json-batches";

describe("batches by JSON size", () => {
  it("keeps every item, in order, each batch under the limit unless one item alone is over it", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 60 }), fc.integer({ min: 1, max: 400 }), (items, maxBytes) => {
        const batches = batchByJsonSize(items, maxBytes);
        expect(batches.flat()).toEqual(items);
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          const size = batch.reduce<number>((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)) + 1, 0);
          if (batch.length > 1) expect(size).toBeLessThanOrEqual(maxBytes);
        }
      }),
    );
  });
});
