-- Referrals waiting for a slot: their request found no free slot before its deadline (the workflow's
-- BOOKING_FAILED, a scheduler's BookManually task). A slot freed or added later is booked for the one
-- that has waited longest, most urgent first, if it starts before that referral's deadline.
CREATE TABLE waiting_referral
(
  referral_id    UUID PRIMARY KEY,
  -- The request that failed: an offer books it (a request is booked at most once, and this one had no slot).
  request_id     VARCHAR(200)             NOT NULL,
  pathway        VARCHAR(32)              NOT NULL,
  -- 0 most urgent (stat), 1 urgent, 2 routine.
  priority_rank  SMALLINT                 NOT NULL,
  priority       VARCHAR(16)              NOT NULL,
  not_after      TIMESTAMP WITH TIME ZONE,
  waiting_since  TIMESTAMP WITH TIME ZONE NOT NULL,
  -- Set when a freed slot was booked for it: a scheduler's choice arriving after that books nothing more.
  offered_appointment_id UUID REFERENCES appointment (id)
);
CREATE INDEX waiting_referral_in_turn ON waiting_referral (pathway, priority_rank, waiting_since)
  WHERE offered_appointment_id IS NULL;
