-- One process instance per referral, enforced by the primary key: a redelivered or repeated
-- referral.submitted can never start a second instance.
CREATE TABLE referral_instance
(
  referral_id         UUID PRIMARY KEY,
  process_instance_id VARCHAR(64),
  started_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
