-- Issue 12: every return of a progress report to its department (progress.report-returned.v1), for the bulletin's
-- 五、督办事项 ("reports returned in the month"). report_seen keeps a report's latest state only, without the reason
-- or the date: a report returned and then corrected and approved in the same month would not be seen there.
-- One row per return (report and revision), never updated or cleared: a redelivered or replayed event changes
-- nothing, and a past month's list stays as it was at the month's end.
create table report_return (
    report_id       varchar(64)  not null,
    report_revision bigint       not null,
    measure_id      varchar(64)  not null,
    -- 2026-05 for a monthly report, null for an ad-hoc one
    period          varchar(7),
    department_code varchar(64),
    -- the reviewer's time of the return (reviewedAt)
    returned_at     timestamptz  not null,
    reason          text,
    -- when this service learned of it: after the bulletin's issue date means the month's list was corrected then
    recorded_at     timestamptz  not null,
    primary key (report_id, report_revision)
);
-- A month's returns: a range of returned_at.
create index report_return_returned_at on report_return (returned_at);
