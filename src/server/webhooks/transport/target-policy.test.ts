import { describe, expect, it } from "vitest";
import { checkTargetUrl, isAllowListedAddress, isAllowListedHost, isForbiddenAddress, parseAllowList } from "./target-policy";

describe("isForbiddenAddress", () => {
  it.each([
    ["127.0.0.1", "loopback address 127.0.0.1"],
    ["127.8.9.10", "loopback address 127.8.9.10"],
    ["10.0.0.1", "private address 10.0.0.1"],
    ["172.16.0.1", "private address 172.16.0.1"],
    ["192.168.1.1", "private address 192.168.1.1"],
    ["100.64.0.1", "carrier-grade NAT address 100.64.0.1"],
    ["169.254.1.1", "link-local address 169.254.1.1"],
    ["169.254.169.254", "cloud metadata address 169.254.169.254"],
    ["100.100.100.200", "cloud metadata address (Alibaba) 100.100.100.200"],
    ["224.0.0.1", "multicast address 224.0.0.1"],
    ["255.255.255.255", "broadcast address 255.255.255.255"],
    ["0.0.0.0", "unspecified address 0.0.0.0"],
    ["0.1.2.3", "unspecified address 0.1.2.3"],
    ["240.0.0.1", "reserved address 240.0.0.1"],
    ["192.0.2.10", "reserved address 192.0.2.10"],
    ["::1", "loopback address ::1"],
    ["::", "unspecified address ::"],
    ["fe80::1", "link-local address fe80::1"],
    ["fc00::1", "private (unique-local) address fc00::1"],
    ["fd12:3456::1", "private (unique-local) address fd12:3456::1"],
    ["fd00:ec2::254", "cloud metadata address (AWS IPv6) fd00:ec2::254"],
    ["ff02::1", "multicast address ff02::1"],
    ["2001:db8::1", "reserved address 2001:db8::1"],
    ["::ffff:127.0.0.1", "loopback address 127.0.0.1 (as IPv4-mapped address ::ffff:127.0.0.1)"],
    ["::ffff:169.254.169.254", "cloud metadata address 169.254.169.254 (as IPv4-mapped address ::ffff:169.254.169.254)"],
    ["::ffff:a00:1", "private address 10.0.0.1 (as IPv4-mapped address ::ffff:a00:1)"],
    ["64:ff9b::7f00:1", "loopback address 127.0.0.1 (as NAT64 address 64:ff9b::7f00:1)"],
    ["2002:a9fe:a9fe::1", "cloud metadata address 169.254.169.254 (as 6to4 address 2002:a9fe:a9fe::1)"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback address 127.0.0.1 (as Teredo address 2001:0:4136:e378:8000:63bf:80ff:fffe)"],
    ["::7f00:1", "reserved address ::7f00:1"],
    ["not-an-ip", "not an IP address: not-an-ip"],
  ])("refuses %s", (ip, reason) => {
    expect(isForbiddenAddress(ip)).toEqual({ forbidden: true, reason });
  });

  it.each(["8.8.8.8", "1.1.1.1", "93.184.216.34", "2001:4860:4860::8888", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])(
    "allows public %s",
    (ip) => {
      expect(isForbiddenAddress(ip)).toEqual({ forbidden: false });
    },
  );
});

describe("parseAllowList", () => {
  it("reads CIDRs, single IPs and hostnames, ignoring blanks and case", () => {
    const list = parseAllowList(" 10.0.0.0/8, ::1/128,192.168.1.5 ,, Hooks.Corp.Example, *.Internal.Example ");
    expect(isAllowListedAddress(list, "10.20.30.40")).toBe(true);
    expect(isAllowListedAddress(list, "::ffff:10.1.1.1")).toBe(true);
    expect(isAllowListedAddress(list, "::1")).toBe(true);
    expect(isAllowListedAddress(list, "192.168.1.5")).toBe(true);
    expect(isAllowListedAddress(list, "192.168.1.6")).toBe(false);
    expect(isAllowListedAddress(list, "11.0.0.1")).toBe(false);
    expect(isAllowListedHost(list, "hooks.corp.example")).toBe(true);
    expect(isAllowListedHost(list, "HOOKS.corp.example.")).toBe(true);
    expect(isAllowListedHost(list, "a.b.internal.example")).toBe(true);
    expect(isAllowListedHost(list, "internal.example")).toBe(false);
    expect(isAllowListedHost(list, "evil-internal.example")).toBe(false);
    expect(isAllowListedHost(list, "other.corp.example")).toBe(false);
  });

  it("is empty when unset", () => {
    expect(parseAllowList(undefined)).toEqual({ cidrs: [], hostnames: new Set(), hostSuffixes: [] });
    expect(parseAllowList("  ")).toEqual({ cidrs: [], hostnames: new Set(), hostSuffixes: [] });
  });

  it.each(["10.0.0.0/33", "::1/129", "10.1/8", "10.1", "999.1.1.1", "foo bar", "*.", "a..b", "http://x.example", "10.0.0.0/8/8", "*.*.example"])(
    "names the bad entry %s",
    (entry) => {
      expect(() => parseAllowList(`10.0.0.0/8, ${entry}`)).toThrow(`webhook allow-list entry "${entry}" is not a CIDR`);
    },
  );
});

describe("checkTargetUrl", () => {
  const none = parseAllowList(undefined);
  const internal = parseAllowList("10.0.0.0/8, hooks.local, *.svc.internal");
  const refused = (url: string, allowHttp = false, allowList = none) => {
    const result = checkTargetUrl(url, { allowHttp, allowList });
    return result.ok ? null : result.message;
  };

  it.each([
    ["https://hooks.example.com/in?x=1", false],
    ["http://hooks.example.com/", true],
    ["https://8.8.8.8:8443/", false],
    ["https://[2001:4860:4860::8888]/", false],
  ])("accepts %s", (url, allowHttp) => {
    expect(checkTargetUrl(url, { allowHttp, allowList: none })).toMatchObject({ ok: true, url: new URL(url) });
  });

  it.each([
    ["hooks.example.com/in", "is not a valid absolute URL"],
    ["ftp://hooks.example.com/", "URL scheme must be https (got ftp)"],
    ["javascript:alert(1)", "URL scheme must be https (got javascript)"],
    ["http://hooks.example.com/", "URL must use https; plain http is not allowed in this dataspace"],
    ["https://user:pass@hooks.example.com/", "URL must not contain credentials"],
    ["https://user@hooks.example.com/", "URL must not contain credentials"],
    ["https://hooks.example.com/#frag", "URL must not contain a fragment"],
    ["https://hooks.example.com/#", "URL must not contain a fragment"],
    [`https://hooks.example.com/${"a".repeat(2040)}`, "the limit is 2048"],
    ["https://127.0.0.1/", "webhooks may not reach loopback address 127.0.0.1"],
    ["https://2130706433/", "loopback address 127.0.0.1"],
    ["https://0x7f.1/", "loopback address 127.0.0.1"],
    ["https://[::1]/", "loopback address ::1"],
    ["https://[::ffff:127.0.0.1]/", "loopback address 127.0.0.1"],
    ["https://169.254.169.254/latest/meta-data", "cloud metadata address 169.254.169.254"],
    ["https://10.0.0.5/", "private address 10.0.0.5"],
    ["https://localhost/", "webhooks may not reach localhost: it is a loopback hostname"],
    ["https://LOCALHOST./", "webhooks may not reach localhost: it is a loopback hostname"],
    ["https://api.localhost/", "is a loopback hostname"],
    ["https://printer.local/", "is a local-network (mDNS) hostname"],
    ["https://db.internal/", "is an internal hostname"],
    ["https://metadata.google.internal/computeMetadata/v1/", "is a cloud metadata hostname"],
  ])("refuses %s", (url, message) => {
    expect(refused(url)).toContain(message);
  });

  it("lets the allow-list through internal addresses and hostnames, and nothing else", () => {
    expect(refused("https://10.1.2.3/", false, internal)).toBeNull();
    expect(refused("https://hooks.local/", false, internal)).toBeNull();
    expect(refused("https://a.svc.internal/", false, internal)).toBeNull();
    expect(refused("https://printer.local/", false, internal)).toContain("mDNS");
    expect(refused("https://192.168.0.1/", false, internal)).toContain("private address");
    expect(refused("http://10.1.2.3/", false, internal)).toContain("https");
  });

  it("says which kind of refusal it is", () => {
    expect(checkTargetUrl("https://127.0.0.1/", { allowHttp: false, allowList: none })).toMatchObject({ ok: false, kind: "forbidden_address" });
    expect(checkTargetUrl("nope", { allowHttp: false, allowList: none })).toMatchObject({ ok: false, kind: "invalid_url" });
  });
});
