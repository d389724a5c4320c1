-- The outbox, rebuilt for load (ADR 2): one row per event, relayed in batches by lane.
-- position: the order events are relayed in, per referral (a referral's rows always go oldest first).
-- lane: hashtext(record_key) & 15, one of 16 lanes; a relay round locks whole lanes (transaction-scoped
--       advisory locks on the schema and the lane), so two
--       instances of a service never relay the same referral's events, and each keeps them in order.
-- urgent: ER and urgent-imaging referrals, relayed ahead of routine ones (a referral's older rows are made
--         urgent with it, so its order holds).
CREATE TABLE outbox_event
(
  position    BIGSERIAL PRIMARY KEY,
  id          UUID                     NOT NULL,
  topic       TEXT                     NOT NULL,
  record_key  TEXT                     NOT NULL,
  lane        SMALLINT                 NOT NULL,
  urgent      BOOLEAN                  NOT NULL,
  type        TEXT                     NOT NULL,
  source      TEXT                     NOT NULL,
  time        TIMESTAMP WITH TIME ZONE NOT NULL,
  data        TEXT                     NOT NULL
);
CREATE INDEX outbox_event_by_key ON outbox_event (record_key);

-- Events the previous outbox (Spring Modulith's publication registry) had not sent yet move over, oldest first.
INSERT INTO outbox_event (id, topic, record_key, lane, urgent, type, source, time, data)
SELECT (e ->> 'id')::uuid, e ->> 'topic', e ->> 'key', hashtext(e ->> 'key') & 15, false,
       e ->> 'type', e ->> 'source',
       CASE WHEN e ->> 'time' ~ '^[0-9.]+$' THEN to_timestamp((e ->> 'time')::double precision)
            ELSE (e ->> 'time')::timestamptz END,
       e ->> 'data'
FROM (SELECT serialized_event::jsonb AS e, publication_date FROM event_publication
      WHERE completion_date IS NULL ORDER BY publication_date) unsent;
DROP TABLE event_publication;
