import { parse } from "@marcbachmann/cel-js";

/**
 * Inngest's trigger `if`, waitForEvent `if`, and concurrency/throttle/idempotency keys are CEL
 * expressions over `event` (and `async`, the incoming event of a wait). Compiled once, cached.
 */
type Compiled = ReturnType<typeof parse>;
const cache = new Map<string, Compiled>();

function compile(expression: string): Compiled {
  let compiled = cache.get(expression);
  if (!compiled) {
    compiled = parse(expression);
    if (cache.size > 5_000) cache.clear();
    cache.set(expression, compiled);
  }
  return compiled;
}

/** Throws on syntax errors, so sync can report a bad expression once. */
export function checkExpression(expression: string): void {
  compile(expression);
}

/** A missing field makes the expression false, as in Inngest, rather than an error. */
export function matches(expression: string, variables: Record<string, unknown>): boolean {
  try {
    return compile(expression)(variables) === true;
  } catch {
    return false;
  }
}

/** The value of a key expression as a string; null when it cannot be evaluated. */
export function evaluateKey(expression: string, variables: Record<string, unknown>): string | null {
  try {
    const value = compile(expression)(variables);
    if (value === null || value === undefined) return null;
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  } catch {
    return null;
  }
}
