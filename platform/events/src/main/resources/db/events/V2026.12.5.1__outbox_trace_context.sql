-- The W3C trace context of the transaction that recorded the event (an HTTP request's span, or the span of the
-- consumer that handled the event this one follows from). The relay sends it as the Kafka headers traceparent and
-- tracestate, so that one report is one trace across the services. Null when no span was current (e.g. a job).
alter table event_outbox add column traceparent varchar(55);
alter table event_outbox add column tracestate  varchar(512);
