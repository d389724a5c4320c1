-- When the workflow asked for the appointment (its request's CloudEvents time; for a freed slot or a scheduler's
-- pick, when the referral began to wait). A cancellation frees only appointments asked for before it: new findings
-- move a referral to another pathway by cancelling its booking and asking for a new one at once, and the two reach
-- scheduling on different topics, in either order. Null for appointments booked before this column: any
-- cancellation frees those.
ALTER TABLE appointment ADD COLUMN requested_at TIMESTAMP WITH TIME ZONE;
-- The same for a referral waiting for a slot: when its failed request was made. A cancellation asked before a newer
-- request leaves that request's wait alone.
ALTER TABLE waiting_referral ADD COLUMN requested_at TIMESTAMP WITH TIME ZONE;
