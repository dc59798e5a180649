/**
 * The link from "events were committed" to whatever relays the outbox, without the domain
 * importing the runtime (and, through it, the Inngest SDK into every route's bundle). The relay
 * registers itself here when it starts (server.ts); until then, signalling does nothing and the
 * relay's periodic sweep is the fallback. Lives on globalThis: server.ts and the Next bundle are
 * two module graphs in one process.
 */
const hook = globalThis as { __switchboardOutboxListener?: () => void };

export function signalOutbox(): void {
  hook.__switchboardOutboxListener?.();
}

export function onOutboxSignal(listener: (() => void) | undefined): void {
  hook.__switchboardOutboxListener = listener;
}
