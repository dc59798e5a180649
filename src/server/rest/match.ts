import { z } from "zod";
import type { ApiRoute, ZodObjectSchema } from "./route";

/** Finds the route for a method and path (`/requests/…`, without /api/v1); lists the methods a path allows. */
export type Match = { route: ApiRoute; params: Record<string, string> } | { allowed: string[] } | null;

type Compiled = { route: ApiRoute; pattern: RegExp; names: string[] };

export function compileRoutes(routes: ApiRoute[]) {
  const compiled: Compiled[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    return { route, pattern: new RegExp(`^${source}/?$`), names };
  });
  return function match(method: string, path: string): Match {
    const allowed: string[] = [];
    for (const { route, pattern, names } of compiled) {
      const found = pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      } catch {
        return null; // a malformed %-escape names nothing
      }
      return { route, params };
    }
    return allowed.length ? { allowed } : null;
  };
}

/** The innermost schema under optional/default/nullable wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if (!def.innerType || !["optional", "default", "nullable", "prefault", "readonly"].includes(def.type)) return current;
    current = def.innerType;
  }
}

/**
 * The query string as the route's query schema expects it: array fields take every occurrence
 * (`?status=open&status=blocked`) and comma lists (`?status=open,blocked`); others the first value.
 * Unknown parameters are reported, not ignored: a misspelt filter must not silently list everything.
 */
export function readQuery(params: URLSearchParams, schema: ZodObjectSchema | undefined): { values: Record<string, unknown>; unknown: string[] } {
  const shape = schema?.shape ?? {};
  const values: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const name of new Set(params.keys())) {
    // Own keys only: `constructor`, `toString` or `__proto__` are unknown parameters, not the
    // shape object's inherited members.
    const field = Object.hasOwn(shape, name) ? (shape[name] as z.ZodType) : undefined;
    if (!field) {
      unknown.push(name);
      continue;
    }
    values[name] = unwrap(field) instanceof z.ZodArray ? params.getAll(name).flatMap((v) => v.split(",")).filter(Boolean) : params.get(name);
  }
  return { values, unknown };
}
