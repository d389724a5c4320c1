-- A replay reads every decision of a period (docs/adr/0020-rule-replay.md).
CREATE INDEX triage_decision_by_time ON triage_decision (decided_at, referral_id);
