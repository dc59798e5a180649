import { defineConfig } from "prisma/config";

// The CLI reads the connection from here (Prisma 7); the app's runtime client gets its own
// driver adapter in src/server/db/client.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
