import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzSeed } from "../../../test/fuzz-seed";
import { jsonbSafe, jsonbSafeJson } from "./jsonb-safe";

/**
 * jsonbSafeJson skips the copy when JSON.stringify's text shows nothing to clean; it must give
 * the same text as cleaning first, whatever the value holds (NUL, lone surrogates in strings and
 * keys, paired surrogates, a sender's literal `\u0000` text, prototype-named keys).
 */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const text = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d\ude00", "\\u0000", "\\ud800", "\ufffd", "__proto__", ""),
  fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 6 }), loneSurrogate, fc.constant("\u0000"), fc.constant("\\")), { maxLength: 5 }).map((parts) => parts.join("")),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    text,
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom("__proto__", "constructor")), tie("node"), { maxKeys: 4 }),
  ),
})).node;

describe("jsonbSafeJson", () => {
  it("is the JSON text of the cleaned value, for any value", () => {
    fc.assert(
      fc.property(value, (v) => {
        const json = jsonbSafeJson(v);
        expect(json).toBe(JSON.stringify(jsonbSafe(v)));
        // And what it gives PostgreSQL has no escape jsonb refuses (an even run of backslashes before `u` is text).
        expect(json).not.toMatch(/(?<!\\)(\\\\)*\\u(0000|d[89a-f])/i);
      }),
      { ...fuzzSeed(), numRuns: 500 },
    );
  });

  it("replaces NUL and lone surrogates in strings and keys, keeps paired ones and escaped text", () => {
    expect(JSON.parse(jsonbSafeJson({ "k\u0000": ["a\u0000", "\ud800", "\ud83d\ude00", "\\u0000"] }))).toEqual({ "k\ufffd": ["a\ufffd", "\ufffd", "\ud83d\ude00", "\\u0000"] });
  });
});
