-- How many times new findings revised the referral's intake: the revision number its next
-- backline.referral.findings-added event carries. Counted here, when the findings are recorded, because triage
-- answers each revision later (triage.revisions holds its answers).
ALTER TABLE referral ADD COLUMN findings_revision INTEGER NOT NULL DEFAULT 0;
