/**
 * Items in batches whose JSON stays under `maxBytes` (a receiver's payload limit, less a margin:
 * the runtime's event API, Datadog's and New Relic's intake); an item larger than that alone is a
 * batch of its own.
 */
export function batchByJsonSize<T>(items: T[], maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
