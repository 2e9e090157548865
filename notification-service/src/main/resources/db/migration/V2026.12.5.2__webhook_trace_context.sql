-- The trace context of the transaction that queued the delivery (the consumer handling the event), sent with every
-- attempt as traceparent/tracestate, so that the integrator's request is part of the report's trace.
alter table webhook_delivery add column traceparent varchar(55);
alter table webhook_delivery add column tracestate  varchar(512);
