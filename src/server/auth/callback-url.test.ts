import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeCallbackPath("/d/acme/requests?status=open#top")).toBe("/d/acme/requests?status=open#top");
    expect(safeCallbackPath(["/invite/abc"])).toBe("/invite/abc");
  });

  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)", "", undefined, 42])(
    "sends %j home instead",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/");
    },
  );
});
