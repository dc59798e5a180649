import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { validateExtraHeaders } from "./headers";

function refusal(value: unknown): string {
  try {
    validateExtraHeaders(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    return (error as AppError).message;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describe("validateExtraHeaders", () => {
  it("lower-cases names and trims values", () => {
    expect(validateExtraHeaders({ Authorization: " Bearer abc ", "X-Team": "ops", "x-empty": "" })).toEqual({
      authorization: "Bearer abc",
      "x-team": "ops",
      "x-empty": "",
    });
  });

  it("treats nothing as no headers and accepts JSON text", () => {
    expect(validateExtraHeaders(null)).toEqual({});
    expect(validateExtraHeaders(undefined)).toEqual({});
    expect(validateExtraHeaders(" ")).toEqual({});
    expect(validateExtraHeaders('{"X-Token": "t"}')).toEqual({ "x-token": "t" });
    expect(refusal("X-Token: t")).toMatch(/^extra headers: not valid JSON/);
  });

  it.each([
    "Connection", "keep-alive", "Proxy-Authenticate", "proxy-authorization", "proxy-connection", "TE", "trailer",
    "Transfer-Encoding", "upgrade",
  ])("refuses the hop-by-hop header %s", (name) => {
    expect(refusal({ [name]: "x" })).toBe(`extra headers: "${name}" cannot be set: it is a hop-by-hop header`);
  });

  it.each([
    ["Host", "it is set from the target URL"],
    ["content-length", "it is set from the body"],
    ["Expect", "it changes how the request is sent"],
    ["Content-Type", "the body is always application/json"],
    ["webhook-id", "webhook-… headers are reserved for the signature"],
    ["Webhook-Timestamp", "webhook-… headers are reserved for the signature"],
    ["WEBHOOK-SIGNATURE", "webhook-… headers are reserved for the signature"],
    ["webhook-anything", "webhook-… headers are reserved for the signature"],
  ])("refuses %s: %s", (name, why) => {
    expect(refusal({ [name]: "x" })).toBe(`extra headers: "${name}" cannot be set: ${why}`);
  });

  it("allows names that merely resemble refused ones", () => {
    expect(validateExtraHeaders({ "x-webhook-id": "1", "x-host": "h", webhooks: "2" })).toEqual({
      "x-webhook-id": "1",
      "x-host": "h",
      webhooks: "2",
    });
  });

  it.each(["X Team", "x-team:", "é", "", "x\r\ninjected"])("refuses the name %j", (name) => {
    expect(refusal({ [name]: "x" })).toMatch(/is not a valid header name/);
  });

  it("refuses values that could split or corrupt the request", () => {
    expect(refusal({ "X-A": "one\r\nX-Injected: yes" })).toBe('extra headers: the value of "X-A" must be on one line');
    expect(refusal({ "X-A": "bell\u0007" })).toBe(
      'extra headers: the value of "X-A" may contain printable ASCII characters only',
    );
    expect(refusal({ "X-A": "café" })).toMatch(/printable ASCII characters only/);
    expect(refusal({ "X-A": 42 })).toBe('extra headers: the value of "X-A" must be text');
    expect(refusal({ "X-A": "x".repeat(1_025) })).toBe(
      'extra headers: the value of "X-A" is at most 1024 characters (got 1025)',
    );
    expect(validateExtraHeaders({ "X-A": "x".repeat(1_024) })["x-a"]).toHaveLength(1_024);
  });

  it("refuses the same name twice in different case", () => {
    expect(refusal({ "X-Team": "a", "x-team": "b" })).toBe('extra headers: "x-team" is given twice');
  });

  it("refuses more than 20 headers and anything but an object", () => {
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`x-h${i}`, "v"]));
    expect(refusal(many)).toBe("extra headers: at most 20 headers (got 21)");
    expect(Object.keys(validateExtraHeaders(Object.fromEntries(Object.entries(many).slice(0, 20))))).toHaveLength(20);
    expect(refusal(["x-a", "b"])).toMatch(/must be an object of names to values/);
    expect(refusal(7)).toMatch(/must be an object of names to values/);
  });
});
