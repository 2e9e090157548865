-- The delivery state progress-service decided for each measure, kept from its events exactly as published
-- (the alerts for overdue and behind-pace measures follow it; nothing here re-derives it).
alter table measure_progress
    -- org.ecoplan.progress.contract.DeliveryAssessment as JSON; null until an event carried one
    add column delivery         jsonb,
    add column delivery_state   varchar(32),
    add column last_approved_at timestamptz;
