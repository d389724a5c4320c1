-- What an administrator did with a dead-letter record of this service (GET /api/dead-letters): replayed it to its
-- original topic or discarded it. One action per record, first come first served: the primary key makes a second
-- replay (or a replay after a discard) fail, so two administrators never replay the same record twice.
-- The record itself stays in its <topic>.DLT (Kafka's retention removes it); this row only says it was dealt with.
CREATE TABLE dead_letter_action
(
  dlt_topic       VARCHAR(255)             NOT NULL,
  dlt_partition   INTEGER                  NOT NULL,
  dlt_offset      BIGINT                   NOT NULL,
  action          VARCHAR(20)              NOT NULL CHECK (action IN ('REPLAYED', 'DISCARDED')),
  actor           VARCHAR(100)             NOT NULL,
  at              TIMESTAMP WITH TIME ZONE NOT NULL,
  -- Where a replayed record went: topic/partition/offset of the new record.
  replayed_to     VARCHAR(300),
  PRIMARY KEY (dlt_topic, dlt_partition, dlt_offset)
);
