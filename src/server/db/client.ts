import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/env";
import { PrismaClient } from "@/generated/prisma/client";
import { TenantPool } from "./tenant-session";

/**
 * server.ts and the Next bundle are two module graphs in one process. They share one connection
 * pool (on globalThis, `pg` is a single CommonJS instance), but each builds its own Prisma client,
 * so Prisma's error classes stay those of the graph that catches them.
 */
type SharedPool = { url: string; pool: pg.Pool; users: number };
type Pools = { __switchboardPool?: SharedPool; __switchboardTenantPool?: SharedPool };
const shared = globalThis as Pools;
let local: { url: string; client: PrismaClient } | undefined;
let localTenant: { url: string; client: PrismaClient } | undefined;

function sharedPool(url: string, key: keyof Pools = "__switchboardPool"): SharedPool {
  if (shared[key]?.url !== url) {
    const config = { connectionString: url, max: env().DATABASE_POOL_SIZE };
    const pool = key === "__switchboardTenantPool" ? new TenantPool(config) : new pg.Pool(config);
    // An idle connection dropped by the server must not crash the process.
    pool.on("error", (error) => console.error(`[db] idle connection error: ${error.message}`));
    shared[key] = { url, pool, users: 0 };
  }
  return shared[key]!;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (server.ts sets it when it starts the embedded PostgreSQL)");
  return url;
}

function connect(): PrismaClient {
  const url = databaseUrl();
  if (local?.url === url) return local.client;
  const holder = sharedPool(url);
  holder.users++;
  local = { url, client: new PrismaClient({ adapter: new PrismaPg(holder.pool) }) };
  return local.client;
}

/**
 * The client of the tenant pool (./tenant-session.ts): bound by row-level security, it sees the
 * dataspace its work runs in (`inDataspace`) and nothing else. Only ./scoped.ts uses it.
 */
export function tenantClient(): PrismaClient {
  const url = databaseUrl();
  if (localTenant?.url === url) return localTenant.client;
  const holder = sharedPool(url, "__switchboardTenantPool");
  holder.users++;
  localTenant = { url, client: new PrismaClient({ adapter: new PrismaPg(holder.pool) }) };
  return localTenant.client;
}

/** The tenant pool, for raw SQL on hot paths: check out connections inside `inDataspace`. */
export function tenantPool(): pg.Pool {
  return sharedPool(databaseUrl(), "__switchboardTenantPool").pool;
}

/** The process's PostgreSQL pool, for libraries that take a `pg` pool (rate limiters). */
export function dbPool(): pg.Pool {
  return sharedPool(databaseUrl()).pool;
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

/** Closes this graph's clients; each pool closes with its last user. */
export async function disconnectDb(): Promise<void> {
  const clients: [typeof local, keyof Pools][] = [
    [local, "__switchboardPool"],
    [localTenant, "__switchboardTenantPool"],
  ];
  local = undefined;
  localTenant = undefined;
  for (const [current, key] of clients) {
    if (!current) continue;
    await current.client.$disconnect();
    const holder = shared[key];
    if (holder?.url === current.url && --holder.users <= 0) {
      shared[key] = undefined;
      await holder.pool.end();
    }
  }
}

export type Db = PrismaClient;

/** Process shutdown (server.ts): closes the shared pool whoever still uses it. */
export async function closeDbPool(): Promise<void> {
  const holders = [shared.__switchboardPool, shared.__switchboardTenantPool];
  shared.__switchboardPool = undefined;
  shared.__switchboardTenantPool = undefined;
  local = undefined;
  localTenant = undefined;
  await Promise.all(holders.map((holder) => holder?.pool.end()));
}
