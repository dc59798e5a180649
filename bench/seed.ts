import pg from "pg";

/**
 * Bulk data for the list benchmark, written with INSERT … SELECT generate_series: a million rows
 * in seconds, where one Prisma insert per row would take an hour. Shapes match what the app
 * writes (enum values, DejaCode-like event payloads); ids are random UUIDs, which is all the
 * keyset pagination needs.
 */
export type BenchData = { dataspaceId: string; slug: string; ownerId: string };

export async function seedBenchData(url: string, counts: { requests: number; events: number; members: number }): Promise<BenchData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const slug = "bench";
    const {
      rows: [space],
    } = await client.query<{ id: string }>(
      `INSERT INTO "Dataspace" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), $1, 'Benchmark', now()) RETURNING id`,
      [slug],
    );
    const { rows: users } = await client.query<{ id: string }>(
      `INSERT INTO "User" (id, email, name, "updatedAt")
       SELECT gen_random_uuid(), 'bench-' || g || '@example.test', 'Bench user ' || g, now()
       FROM generate_series(1, $1::int) g RETURNING id`,
      [counts.members],
    );
    const userIds = users.map((u) => u.id);
    await client.query(
      `INSERT INTO "Membership" (id, "dataspaceId", "userId", role)
       SELECT gen_random_uuid(), $1, u, CASE WHEN ord = 1 THEN 'OWNER'::"Role" ELSE 'MEMBER'::"Role" END
       FROM unnest($2::uuid[]) WITH ORDINALITY AS m(u, ord)`,
      [space.id, userIds],
    );

    // Three requests per second of history, so many share a createdAt and the id breaks ties.
    await client.query(
      `INSERT INTO "Request" (id, "dataspaceId", title, status, priority, "assigneeId", "requesterId", notes,
                              "serializedData", "isPrivate", "ccEmails", "lastModifiedById", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1, 'Request #' || g,
              (enum_range(NULL::"RequestStatus"))[1 + g % 5], (enum_range(NULL::"RequestPriority"))[1 + g % 4],
              CASE WHEN g % 3 = 0 THEN NULL ELSE ($2::uuid[])[1 + g % $3::int] END,
              ($2::uuid[])[1 + (g * 7) % $3::int], 'Seeded by bench/lists.ts', '{}'::jsonb, g % 50 = 0, '{}',
              ($2::uuid[])[1], now() - (g / 3) * interval '1 second', now() - (g / 3) * interval '1 second'
       FROM generate_series(1, $4::int) g`,
      [space.id, userIds, userIds.length, counts.requests],
    );

    const payload = `jsonb_build_object(
        'uuid', gen_random_uuid(), 'title', 'Request #' || (g % $3::int), 'status', 'open', 'priority', 'Normal',
        'api_url', '/api/v1/dataspaces/bench/requests/' || g || '/', 'requester', 'bench-1@example.test',
        'assignee', NULL, 'notes', '', 'serialized_data', '{}'::jsonb, 'dataspace', 'Benchmark',
        'created_date', to_char(now() - g * interval '100 milliseconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
    // In chunks, so the seq order follows time like the real outbox and progress shows.
    const chunk = 250_000;
    for (let start = counts.events; start > 0; start -= chunk) {
      await client.query(
        `INSERT INTO "Event" (id, "dataspaceId", type, data, "actorId", "createdAt")
         SELECT gen_random_uuid(), $1,
                (ARRAY['request.added', 'request.updated', 'request_comment.added'])[1 + g % 3],
                ${payload}, ($2::uuid[])[1], now() - g * interval '100 milliseconds'
         FROM generate_series($4::int, greatest($4::int - $5::int + 1, 1), -1) g`,
        [space.id, userIds, counts.requests, start, chunk],
      );
    }
    await client.query("ANALYZE");
    return { dataspaceId: space.id, slug, ownerId: userIds[0] };
  } finally {
    await client.end();
  }
}
