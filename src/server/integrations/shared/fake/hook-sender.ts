/**
 * The delivery queue every issue tracker fake sends its webhooks through. What a delivery looks
 * like — payload, headers, signature — is each platform's and is built in its own
 * fake-*-webhooks.ts; how it goes out is the same for all of them, as it is for the real services:
 * asynchronously (the change that caused it returns first), one at a time per hook and in order,
 * each recorded with the hook's status or why none came, never retried, and cut off after a
 * timeout. `settled()` lets a test wait for the hooks without sleeping; `close()` aborts what is
 * still in flight so a closing fake does not wait for a slow receiver.
 */

/** What every fake records of a delivery; each adds its own fields (ids, event names). */
export type HookDelivery = {
  hookId: number;
  url: string;
  /** The hook's answer; null until it comes, or when none came (then `error` says why). */
  status: number | null;
  error: string | null;
  /** Exactly the bytes sent (any signature is over these). */
  body: string;
  headers: Record<string, string>;
};

export type HookSenderOptions = {
  /** The reason in-flight deliveries are aborted with on `close()`, e.g. "the fake GitHub closed". */
  closedMessage: string;
  /** How long a hook may take to answer (default 10 s, as GitHub, GitLab and Jira allow). */
  timeoutMs?: number;
  /** fetch's `redirect` (default: follow), for a platform that does not follow redirects. */
  redirect?: RequestRedirect;
};

export function createHookSender<D extends HookDelivery>(options: HookSenderOptions) {
  const deliveries: D[] = [];
  const inFlight = new Set<Promise<void>>();
  const queues = new Map<number, Promise<void>>();
  const stop = new AbortController();

  /** Never throws: whatever goes wrong is the delivery's `error`. */
  async function post(delivery: D, prepare?: () => Promise<void>) {
    try {
      if (prepare) await prepare();
      const answer = await fetch(delivery.url, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
        ...(options.redirect ? { redirect: options.redirect } : {}),
        signal: AbortSignal.any([stop.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]),
      });
      await answer.arrayBuffer().catch(() => undefined);
      delivery.status = answer.status;
      if (!answer.ok) delivery.error = `the hook answered ${answer.status}`;
    } catch (error) {
      delivery.error = (error as Error).message;
    }
  }

  return {
    deliveries,
    /**
     * Records the delivery and queues it behind the hook's earlier ones; returns at once (its
     * status comes later). `prepare` runs just before it is sent, for what must be awaited (an
     * async signature); a failure there is recorded as the delivery's error.
     */
    enqueue(delivery: D, prepare?: () => Promise<void>): void {
      deliveries.push(delivery);
      const sent = (queues.get(delivery.hookId) ?? Promise.resolve()).then(() => post(delivery, prepare));
      queues.set(delivery.hookId, sent);
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
    },
    /** Resolves when every delivery queued so far — and any queued meanwhile, as when a receiver calls the API back — is done. */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close(): void {
      stop.abort(new Error(options.closedMessage));
    },
  };
}
