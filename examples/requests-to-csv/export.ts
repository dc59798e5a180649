import { exportRequestsCsv } from "./requests-to-csv.ts";

// SWITCHBOARD_URL=https://switchboard.example.com SWITCHBOARD_TOKEN=sb_… npx tsx export.ts requests.csv
// Without a file name the CSV goes to standard output.
const baseUrl = process.env.SWITCHBOARD_URL;
const token = process.env.SWITCHBOARD_TOKEN;
if (!baseUrl || !/^https?:\/\//.test(baseUrl) || !URL.canParse(baseUrl) || !token) {
  console.error("Set SWITCHBOARD_URL (e.g. https://switchboard.example.com) and SWITCHBOARD_TOKEN (an sb_… API token that may read requests).");
  process.exit(1);
}
const file = process.argv[2];
try {
  const count = await exportRequestsCsv({ baseUrl, token, file });
  if (file) console.error(`Wrote ${count} requests to ${file}`);
} catch (error) {
  // Standard output closed early (`… | head`): nothing is wrong.
  if ((error as NodeJS.ErrnoException).code === "EPIPE") process.exit(0);
  console.error((error as Error).message);
  process.exit(1);
}
