-- The audit trail: who read a referral's patient details and who decided what, when.
CREATE TABLE audit_entry
(
  id          BIGSERIAL PRIMARY KEY,
  at          TIMESTAMP WITH TIME ZONE NOT NULL,
  actor       VARCHAR(100)             NOT NULL,
  action      VARCHAR(100)             NOT NULL,
  referral_id VARCHAR(64),
  detail      TEXT                     NOT NULL
);
CREATE INDEX audit_entry_newest_first ON audit_entry (at DESC, id DESC);
CREATE INDEX audit_entry_by_referral ON audit_entry (referral_id, at DESC);
