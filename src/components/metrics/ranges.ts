/** The overview's time ranges (the `range` query parameter), read by the page on the server and the charts in the browser. */
export const RANGES = [
  { value: "1h", label: "Last hour" },
  { value: "6h", label: "6 hours" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
] as const;
export type RangeValue = (typeof RANGES)[number]["value"];

export function parseRange(value: string | null | undefined): RangeValue {
  return RANGES.find((range) => range.value === value)?.value ?? "24h";
}
