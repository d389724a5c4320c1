-- Shared by every service, created in the service's own schema (the JDBC URL's currentSchema).
-- Versions 0.x belong to the events module; each service numbers its own migrations from 1.

-- The outbox: Spring Modulith's event publication registry (its PostgreSQL schema, 1.4.x).
-- A row is written in the transaction that makes the change and deleted once Kafka acknowledged it.
CREATE TABLE event_publication
(
  id               UUID NOT NULL,
  listener_id      TEXT NOT NULL,
  event_type       TEXT NOT NULL,
  serialized_event TEXT NOT NULL,
  publication_date TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date  TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

-- The inbox: the CloudEvents id of every record a consumer has handled, written in the same
-- transaction as the record's effect, so a redelivered record has no second effect.
CREATE TABLE processed_event
(
  event_id    VARCHAR(200) PRIMARY KEY,
  event_type  VARCHAR(200) NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
