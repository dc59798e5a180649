import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/env";
import { PrismaClient } from "@/generated/prisma/client";

/**
 * server.ts and the Next bundle are two module graphs in one process. They share one connection
 * pool (on globalThis, `pg` is a single CommonJS instance), but each builds its own Prisma client,
 * so Prisma's error classes stay those of the graph that catches them.
 */
type SharedPool = { url: string; pool: pg.Pool; users: number };
const shared = globalThis as { __switchboardPool?: SharedPool };
let local: { url: string; client: PrismaClient } | undefined;

function sharedPool(url: string): SharedPool {
  if (shared.__switchboardPool?.url !== url) {
    const pool = new pg.Pool({ connectionString: url, max: env().DATABASE_POOL_SIZE });
    // An idle connection dropped by the server must not crash the process.
    pool.on("error", (error) => console.error(`[db] idle connection error: ${error.message}`));
    shared.__switchboardPool = { url, pool, users: 0 };
  }
  return shared.__switchboardPool;
}

function connect(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (server.ts sets it when it starts the embedded PostgreSQL)");
  if (local?.url === url) return local.client;
  const holder = sharedPool(url);
  holder.users++;
  local = { url, client: new PrismaClient({ adapter: new PrismaPg(holder.pool) }) };
  return local.client;
}

/** The process's PostgreSQL pool, for libraries that take a `pg` pool (rate limiters). */
export function dbPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (server.ts sets it when it starts the embedded PostgreSQL)");
  return sharedPool(url).pool;
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

/** Closes this graph's client; the pool closes with its last user. */
export async function disconnectDb(): Promise<void> {
  const current = local;
  local = undefined;
  if (!current) return;
  await current.client.$disconnect();
  const holder = shared.__switchboardPool;
  if (holder?.url === current.url && --holder.users <= 0) {
    shared.__switchboardPool = undefined;
    await holder.pool.end();
  }
}

export type Db = PrismaClient;

/** Process shutdown (server.ts): closes the shared pool whoever still uses it. */
export async function closeDbPool(): Promise<void> {
  const holder = shared.__switchboardPool;
  shared.__switchboardPool = undefined;
  local = undefined;
  await holder?.pool.end();
}
