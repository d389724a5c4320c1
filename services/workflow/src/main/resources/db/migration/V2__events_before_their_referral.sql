-- What the workflow knows of a referral before its process starts. Events of one referral arrive on
-- different topics, so a cancellation or a triage result can overtake the submission that starts the
-- process. Such an event is kept here, on the referral's row, and the row's lock serialises every
-- event of the referral: no time limit, no retry, no dead letter.
ALTER TABLE referral_instance ALTER COLUMN started_at DROP NOT NULL;
-- A cancellation heard before the submission: the referral stays cancelled and never starts.
ALTER TABLE referral_instance ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
-- A triage result heard before the submission (the referral.triaged event's data, JSON): the process
-- takes it as soon as it starts.
ALTER TABLE referral_instance ADD COLUMN early_triage TEXT;
