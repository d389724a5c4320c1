-- When the person the current status waits for (a clinician reviewing, a scheduler booking by hand) must
-- have acted, as the workflow reported it; null while the status waits for nobody. FHIR shows it as the
-- Task's restriction.period.end.
ALTER TABLE referral ADD COLUMN status_due TIMESTAMP WITH TIME ZONE;
