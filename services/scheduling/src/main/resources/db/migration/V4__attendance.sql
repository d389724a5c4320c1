-- Whether the patient came, recorded once by staff after the appointment started (null until then).
ALTER TABLE appointment
  ADD COLUMN attendance             VARCHAR(16)
    CONSTRAINT appointment_attendance CHECK (attendance IN ('ATTENDED', 'DID_NOT_ATTEND')),
  ADD COLUMN attendance_recorded_at TIMESTAMP WITH TIME ZONE,
  ADD COLUMN attendance_recorded_by VARCHAR(100),
  ADD CONSTRAINT appointment_attendance_recorded_when_it_says_so
    CHECK ((attendance IS NULL) = (attendance_recorded_at IS NULL));
-- The attendance page: booked appointments that have started and wait for their attendance.
CREATE INDEX appointment_awaiting_attendance ON appointment (start_at) WHERE status = 'BOOKED' AND attendance IS NULL;
