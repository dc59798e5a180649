import http from "node:http";
import { createWebhookReceiver } from "./receiver.ts";

// WEBHOOK_SECRET=whsec_… PORT=3000 npx tsx server.ts
const secret = process.env.WEBHOOK_SECRET;
if (!secret?.startsWith("whsec_")) {
  console.error("Set WEBHOOK_SECRET to the whsec_… secret shown when you created the webhook in Switchboard.");
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const receiver = createWebhookReceiver({
  secret,
  // Replace with your own work; keep it quick, or put it on a queue of your own.
  onEvent: ({ id, type, payload }) => {
    const title = payload.data?.title;
    console.log(`${new Date().toISOString()} ${type ?? "(custom payload)"} ${id}${typeof title === "string" ? ` ${JSON.stringify(title)}` : ""}`);
  },
});

http.createServer(receiver).listen(port, host, () => console.log(`Listening for Switchboard webhooks on http://${host}:${port}/`));
