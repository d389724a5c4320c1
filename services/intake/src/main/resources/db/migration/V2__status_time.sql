-- When the referral's current status was reported: a status report older than this never
-- overwrites a newer one.
ALTER TABLE referral ADD COLUMN status_at TIMESTAMP WITH TIME ZONE;
UPDATE referral SET status_at = updated_at;
ALTER TABLE referral ALTER COLUMN status_at SET NOT NULL;
