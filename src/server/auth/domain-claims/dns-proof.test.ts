import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalDnsServer } from "../../../../test/local-dns-server";
import { checkChallengeRecord, txtResolverFor } from "./dns-proof";

let dns: Awaited<ReturnType<typeof startLocalDnsServer>>;
beforeAll(async () => {
  dns = await startLocalDnsServer();
});
afterAll(() => dns.close());

const resolver = () => txtResolverFor([dns.address]);

describe("the DNS TXT proof of a domain", () => {
  it("holds when the challenge record carries the claim's token", async () => {
    dns.setTxt("_switchboard-challenge.right.test", [["v=spf1 -all"], ["switchboard-verify=tok-123"]]);
    expect(await checkChallengeRecord("right.test", "tok-123", resolver())).toEqual({ proven: true });
  });

  it("joins a record split into several strings", async () => {
    dns.setTxt("_switchboard-challenge.split.test", [["switchboard-", "verify=tok-456"]]);
    expect(await checkChallengeRecord("split.test", "tok-456", resolver())).toEqual({ proven: true });
  });

  it("fails with a wrong token, and says so", async () => {
    dns.setTxt("_switchboard-challenge.wrong.test", [["switchboard-verify=someone-elses-token"]]);
    expect(await checkChallengeRecord("wrong.test", "tok-789", resolver())).toEqual({
      proven: false,
      problem: "The TXT record at _switchboard-challenge.wrong.test has a different token; it must be exactly switchboard-verify=tok-789",
    });
  });

  it("fails when the record is missing", async () => {
    expect(await checkChallengeRecord("missing.test", "tok", resolver())).toEqual({
      proven: false,
      problem: "No TXT record found at _switchboard-challenge.missing.test",
    });
  });

  it("does not take the token at the domain itself or a prefix of it for proof", async () => {
    dns.setTxt("elsewhere.test", [["switchboard-verify=tok-x"]]);
    dns.setTxt("_switchboard-challenge.prefix.test", [["switchboard-verify=tok-x-and-more"]]);
    expect((await checkChallengeRecord("elsewhere.test", "tok-x", resolver())).proven).toBe(false);
    expect((await checkChallengeRecord("prefix.test", "tok-x", resolver())).proven).toBe(false);
  });

  it("reports a resolver that does not answer as a lookup failure, not a missing record", async () => {
    const silent = txtResolverFor(["127.0.0.1:9"]); // nothing listens on the discard port
    const result = await checkChallengeRecord("right.test", "tok-123", silent);
    expect(result.proven).toBe(false);
    if (!result.proven) expect(result.problem).toMatch(/^The DNS lookup of _switchboard-challenge\.right\.test failed/);
  });
});
