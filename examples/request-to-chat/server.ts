import http from "node:http";
import { createChatBridge } from "./bridge.ts";

// WEBHOOK_SECRET=whsec_… CHAT_WEBHOOK_URL=https://hooks.slack.com/services/… PORT=3000 npx tsx server.ts
const secret = process.env.WEBHOOK_SECRET;
const chatUrl = process.env.CHAT_WEBHOOK_URL;
if (!secret?.startsWith("whsec_")) {
  console.error("Set WEBHOOK_SECRET to the whsec_… secret shown when you created the webhook in Switchboard.");
  process.exit(1);
}
if (!chatUrl || !/^https?:\/\//.test(chatUrl) || !URL.canParse(chatUrl)) {
  console.error("Set CHAT_WEBHOOK_URL to your chat's incoming-webhook URL (https://…).");
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

http
  .createServer(createChatBridge({ secret, chatUrl }))
  .listen(port, host, () => console.log(`Posting new Switchboard requests to chat; listening on http://${host}:${port}/`));
