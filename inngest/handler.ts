import { serve } from "inngest/edge";
import { inngest } from "./client";
import { functions } from "./functions";

/**
 * The serve endpoint as a Web-standard `(Request) => Promise<Response>`: the App Router route
 * exports it, and server.ts answers /api/inngest with the very same handler before Next's router
 * (machine traffic, ARCHITECTURE.md "Runtime topology").
 */
export const inngestHandler = serve({ client: inngest, functions, servePath: "/api/inngest" });
