-- Live events for GraphQL subscriptions: dataspaces with subscribers, per instance.
CREATE TABLE "live_topic" (
    "dataspace_id" UUID NOT NULL,
    "instance_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "live_topic_pkey" PRIMARY KEY ("dataspace_id","instance_id")
);

-- After each statement that inserts events: one NOTIFY per dataspace that has live subscribers,
-- naming the range of sequence numbers inserted (ids, not bodies: a payload caps at 8 000 bytes).
-- NOTIFY is sent at commit, so a rolled-back event is never announced. A dataspace nobody
-- listens to costs one probe of an (almost always empty) table, and no NOTIFY, whose commit-time
-- lock would otherwise serialize every commit.
-- SECURITY DEFINER: tenant transactions (role switchboard_tenant) insert events but may not read
-- live_topic, which belongs to no dataspace.
CREATE FUNCTION switchboard_notify_live_events() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM pg_notify('switchboard_live_events', json_build_object('d', n."dataspaceId", 'from', min(n.seq)::text, 'to', max(n.seq)::text)::text)
  FROM new_events n
  WHERE EXISTS (SELECT 1 FROM "live_topic" t WHERE t."dataspace_id" = n."dataspaceId" AND t."expires_at" > now())
  GROUP BY n."dataspaceId";
  RETURN NULL;
END $$;

CREATE TRIGGER "Event_notify_live"
  AFTER INSERT ON "Event"
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION switchboard_notify_live_events();
