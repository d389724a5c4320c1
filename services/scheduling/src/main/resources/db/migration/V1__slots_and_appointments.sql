-- Clinic capacity: one row per bookable period of one resource (a scanner, a physiotherapist, a GP).
-- The emergency department has no slots: an ER handoff is booked at once, without one.
CREATE TABLE slot
(
  id         UUID PRIMARY KEY,
  pathway    VARCHAR(32)              NOT NULL
    CONSTRAINT slot_pathway_has_slots CHECK (pathway IN ('URGENT_IMAGING', 'PHYSICAL_THERAPY', 'PRIMARY_CARE_FOLLOW_UP')),
  resource   VARCHAR(100)             NOT NULL,
  location   VARCHAR(100)             NOT NULL,
  start_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  end_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  -- A resource has one slot per start: seeding twice, or a scheduler adding it again, adds nothing.
  CONSTRAINT slot_once_per_resource_and_start UNIQUE (resource, start_at),
  CONSTRAINT slot_ends_after_it_starts CHECK (start_at < end_at)
);
CREATE INDEX slot_by_pathway_and_start ON slot (pathway, start_at);
CREATE INDEX slot_by_start ON slot (start_at);

-- What was booked, for which request. The slot's time, place and resource are copied, so an
-- appointment reads the same whatever happens to capacity later (and an ER handoff has no slot).
CREATE TABLE appointment
(
  id            UUID PRIMARY KEY,
  -- The CloudEvents id of the appointments.requested event: a request is booked at most once.
  request_id    VARCHAR(200)             NOT NULL CONSTRAINT appointment_once_per_request UNIQUE,
  referral_id   UUID                     NOT NULL,
  pathway       VARCHAR(32)              NOT NULL,
  slot_id       UUID REFERENCES slot (id),
  start_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  end_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  location      VARCHAR(100)             NOT NULL,
  resource      VARCHAR(100)             NOT NULL,
  status        VARCHAR(16)              NOT NULL CONSTRAINT appointment_status CHECK (status IN ('BOOKED', 'CANCELLED')),
  booked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  cancelled_at  TIMESTAMP WITH TIME ZONE,
  cancel_reason TEXT,
  CONSTRAINT appointment_cancelled_when_it_says_so CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL))
);
-- A slot is never booked twice: at most one BOOKED appointment per slot. A cancelled appointment
-- no longer counts, so cancelling frees the slot for the next request.
CREATE UNIQUE INDEX appointment_one_booking_per_slot ON appointment (slot_id) WHERE status = 'BOOKED';
CREATE INDEX appointment_by_referral ON appointment (referral_id, booked_at DESC);

-- The latest cancellation asked for each referral. A request the workflow made before that
-- cancellation, but which reaches this service after it (another topic, so no order between
-- them), books nothing.
CREATE TABLE referral_cancellation
(
  referral_id  UUID PRIMARY KEY,
  requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
  reason       TEXT                     NOT NULL,
  received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
