import { inngestHandler } from "../../../../inngest/handler";

// Inngest (or the embedded executor) syncs with PUT and runs steps with POST; GET is its probe.
// server.ts serves this path itself, before Next's router; this route covers plain `next start`.
export const dynamic = "force-dynamic";

export { inngestHandler as GET, inngestHandler as POST, inngestHandler as PUT };
