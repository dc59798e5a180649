import { receiveHook } from "@/server/inbound/receive-hook";

// Inbound webhooks are POSTs; every other method gets the handler's 405 (with Allow). server.ts
// serves this path itself, before Next's router; this route covers plain `next start`.
export const dynamic = "force-dynamic";

export { receiveHook as POST, receiveHook as GET, receiveHook as PUT, receiveHook as PATCH, receiveHook as DELETE };
