-- A referral as the front desk follows it. The intake is kept exactly as recorded (with phone and
-- referrer, which never leave this service); triage and appointment are what later events reported.
CREATE TABLE referral
(
  id              UUID PRIMARY KEY,
  submitted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  status          VARCHAR(32)              NOT NULL,
  pathway         VARCHAR(32),
  intake          JSONB                    NOT NULL,
  triage          JSONB,
  appointment     JSONB,
  idempotency_key VARCHAR(64) UNIQUE,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX referral_newest_first ON referral (submitted_at DESC, id DESC);
CREATE INDEX referral_by_status ON referral (status, submitted_at DESC);
CREATE INDEX referral_by_pathway ON referral (pathway, submitted_at DESC);

-- Every status a referral passed through, in order, with what happened.
CREATE TABLE referral_timeline
(
  id          BIGSERIAL PRIMARY KEY,
  referral_id UUID                     NOT NULL REFERENCES referral (id),
  at          TIMESTAMP WITH TIME ZONE NOT NULL,
  status      VARCHAR(32)              NOT NULL,
  detail      TEXT                     NOT NULL
);
CREATE INDEX referral_timeline_by_referral ON referral_timeline (referral_id, id);
