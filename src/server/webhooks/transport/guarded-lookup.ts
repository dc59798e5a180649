import dns from "node:dns";
import type net from "node:net";
import { type AllowList, isAllowListedAddress, isAllowListedHost, isForbiddenAddress } from "./target-policy";

/** Resolves a hostname to its addresses; injectable so tests control DNS. */
export type LookupFunction = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export const systemLookup: LookupFunction = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export class ForbiddenAddressError extends Error {
  readonly code = "EFORBIDDENADDRESS";
}

/**
 * The `lookup` hook for `http.request`: Node calls it for every new connection to a hostname,
 * and connects to whatever it returns, so the address checked is the address used — a DNS
 * answer that changes between save and send (rebinding) cannot slip through. Returns the first
 * allowed address; fails if every address is refused.
 */
export function guardedLookup(resolve: LookupFunction, allowList: AllowList): net.LookupFunction {
  return (hostname, options, callback) => {
    const fail = (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : "", 0);
    resolve(hostname).then((addresses) => {
      if (addresses.length === 0) return fail(Object.assign(new Error(`no addresses for ${hostname}`), { code: "ENOTFOUND" }));
      const trusted = isAllowListedHost(allowList, hostname);
      const chosen = addresses.find(
        ({ address }) => trusted || isAllowListedAddress(allowList, address) || !isForbiddenAddress(address).forbidden,
      );
      if (!chosen) {
        const verdict = isForbiddenAddress(addresses[0].address);
        const reason = verdict.forbidden ? verdict.reason : addresses[0].address;
        const others = addresses.length > 1 ? ` (and ${addresses.length - 1} other refused address(es))` : "";
        return fail(new ForbiddenAddressError(`${hostname} resolves to ${reason}${others}, which webhooks may not reach`));
      }
      const family = chosen.family === 6 ? 6 : 4;
      if (options.all) callback(null, [{ address: chosen.address, family }]);
      else callback(null, chosen.address, family);
    }, fail);
  };
}
