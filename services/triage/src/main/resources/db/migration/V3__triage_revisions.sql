-- New findings re-triage a referral (POST /api/referrals/{id}/findings): each re-triage is a decision of its own,
-- stored beside the first with its revision number (0 for the first decision, then 1, 2, ...).
ALTER TABLE triage_decision ADD COLUMN revision INT NOT NULL DEFAULT 0;
ALTER TABLE triage_decision DROP CONSTRAINT triage_decision_pkey;
ALTER TABLE triage_decision ADD PRIMARY KEY (referral_id, revision);
