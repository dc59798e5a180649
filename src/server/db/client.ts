import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

// server.ts and the Next bundle are two module graphs; the pool lives on globalThis so the
// process holds one.
const holder = globalThis as { __switchboardDb?: { url: string; client: PrismaClient } };

function connect(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (server.ts sets it when it starts the embedded PostgreSQL)");
  if (holder.__switchboardDb?.url === url) return holder.__switchboardDb.client;
  const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
  holder.__switchboardDb = { url, client };
  return client;
}

/**
 * The unscoped client. Only instance-wide code (auth, dataspace membership resolution,
 * migrations, seeding) uses it; tenant data goes through `scopedDb` in ./scoped.ts.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = connect();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const current = holder.__switchboardDb;
  holder.__switchboardDb = undefined;
  await current?.client.$disconnect();
}

export type Db = PrismaClient;
