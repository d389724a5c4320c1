-- Each completed ReassessProgress, written in the engine's transaction that completes it (any channel), once per
-- task: the measured outcome of a referral (docs/clinical/outcomes.md, ADR 21).
CREATE TABLE reassessment
(
  task_id                 VARCHAR(64) PRIMARY KEY,
  referral_id             UUID                     NOT NULL,
  pathway                 VARCHAR(40)              NOT NULL,
  reassessed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  clinician               VARCHAR(255),
  -- The clinician's outcome (IMPROVING, NOT_IMPROVING); the one the pain scores give, when they give one.
  outcome                 VARCHAR(20)              NOT NULL,
  computed_outcome        VARCHAR(20),
  note                    TEXT,
  -- Pain 0-10: at intake (the baseline), at reassessment, and the change (reassessment - intake; negative is better).
  intake_pain_score       SMALLINT,
  pain_score              SMALLINT,
  pain_change             SMALLINT,
  -- STarT Back at reassessment: the nine answers (JSON) and their score.
  start_back_answers      TEXT,
  start_back_total        SMALLINT,
  start_back_psychosocial SMALLINT,
  start_back_risk         VARCHAR(10)
);
CREATE INDEX reassessment_by_time ON reassessment (reassessed_at);
