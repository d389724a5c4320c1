-- stat: an ER referral's event once triage has spoken (FHIR priority "stat"), relayed ahead of the rest of the
--       urgent lane and sent to the stat partitions (ADR 2). A stat row is urgent too; a referral's older rows are
--       made stat with it, so its order holds.
ALTER TABLE outbox_event ADD COLUMN stat BOOLEAN NOT NULL DEFAULT false;
