-- A read of patient data is one entry naming every referral it showed, and the channel it went
-- through (API, page, Tasklist, Camunda REST...): so "who saw referral X" finds list reads too.
ALTER TABLE audit_entry ADD COLUMN referral_ids TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE audit_entry ADD COLUMN channel VARCHAR(100);
UPDATE audit_entry SET referral_ids = ARRAY[referral_id] WHERE referral_id IS NOT NULL;
CREATE INDEX audit_entry_by_referrals ON audit_entry USING GIN (referral_ids);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor, at DESC);
