-- trace_parent: the W3C traceparent of the transaction that wrote the event (ADR 17). The relay sends the event in
--               that trace, so a referral's trace crosses the outbox. Null when nothing traced the writer.
ALTER TABLE outbox_event ADD COLUMN trace_parent TEXT;
