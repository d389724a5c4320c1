-- Every triage decision with the facts the rules saw, so an audit can replay it: the same facts
-- through the same decision table give the same rules, reasons and pathway.
CREATE TABLE triage_decision
(
  referral_id    UUID PRIMARY KEY,
  decided_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  decision_table VARCHAR(200)             NOT NULL,
  facts          JSONB                    NOT NULL,
  pathway        VARCHAR(32)              NOT NULL,
  priority       VARCHAR(16)              NOT NULL,
  rules          JSONB                    NOT NULL,
  reasons        JSONB                    NOT NULL,
  start_back     JSONB
);
CREATE INDEX triage_decision_by_pathway ON triage_decision (pathway, decided_at DESC);
