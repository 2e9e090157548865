-- notification-service: what it knows of progress and indicators, the alerts it raised (once each),
-- inboxes, webhook subscriptions with their delivery log, and e-mails waiting for the SMTP server.

-- Latest official state per measure, from progress.measure-status-changed.v1 (older sequences dropped)
-- and the latest reported period from report events.
create table measure_progress (
    measure_id           varchar(100) primary key,
    sequence             bigint       not null,
    status               varchar(20)  not null,
    overdue              boolean      not null,
    percent_complete     integer      not null,
    completed_on         date,
    last_reported_period varchar(7),
    updated_at           timestamptz  not null
);

-- Reports as far as the review rules need them; the latest revision per report.
create table report_review (
    report_id       varchar(100) primary key,
    revision        bigint       not null,
    measure_id      varchar(100) not null,
    plan_id         varchar(100),
    period          varchar(7),
    state           varchar(20)  not null,
    department_code varchar(100),
    reporter        varchar(200),
    submitted_at    timestamptz,
    updated_at      timestamptz  not null
);
-- The review-waiting rule scans only reports still waiting.
create index report_review_waiting on report_review (submitted_at) where state = 'SUBMITTED';

-- Latest indicator judgement, to drop older sequences.
create table indicator_watch (
    indicator_id varchar(100) primary key,
    sequence     bigint       not null,
    status       varchar(20),
    updated_at   timestamptz  not null
);

-- Every alert ever raised. The unique key is what makes an alert fire once per rule, subject and
-- period, whatever restarts or redeliveries happen: inserts use ON CONFLICT DO NOTHING.
create table alert (
    id            uuid          primary key,
    rule          varchar(40)   not null,
    severity      varchar(10)   not null,
    subject_type  varchar(20)   not null,
    subject_id    varchar(100)  not null,
    period        varchar(80)   not null,
    plan_id       varchar(100),
    title         varchar(1000) not null,
    reason        text          not null,
    -- department codes addressed, comma separated (for display; filters use inbox_message)
    departments   varchar(4000) not null,
    business_date date          not null,
    raised_at     timestamptz   not null,
    constraint alert_once unique (rule, subject_id, period)
);
create index alert_subject on alert (subject_id, business_date);
create index alert_by_date on alert (business_date desc, id);
create index alert_by_rule on alert (rule, business_date desc);

-- One row per alert and inbox. box: DEPARTMENT, DEPARTMENT_HEAD, SUPERVISORS, USER; owner: the department
-- code, the user (token subject) or 'supervisors'. Read state is per inbox, shared by its readers.
create table inbox_message (
    id              uuid          primary key,
    alert_id        uuid          references alert (id),
    box             varchar(20)   not null,
    owner           varchar(200)  not null,
    kind            varchar(20)   not null,
    rule            varchar(40),
    severity        varchar(10),
    subject_id      varchar(100),
    title           varchar(1000) not null,
    body            text          not null,
    business_date   date          not null,
    created_at      timestamptz   not null,
    -- true while the inbox takes a daily digest and the digest has not been written yet
    held_for_digest boolean       not null,
    digest_id       uuid,
    read_at         timestamptz,
    read_by         varchar(200),
    constraint inbox_message_once unique (alert_id, box, owner)
);
create index inbox_listing on inbox_message (box, owner, created_at desc, id) where not held_for_digest;
create index inbox_unread on inbox_message (box, owner) where read_at is null and not held_for_digest;
create index inbox_digest_pending on inbox_message (box, owner) where held_for_digest and digest_id is null;
create index inbox_rule on inbox_message (box, owner, rule, created_at desc);

create table inbox_preference (
    box        varchar(20)  not null,
    owner      varchar(200) not null,
    delivery   varchar(20)  not null,
    updated_at timestamptz  not null,
    updated_by varchar(200) not null,
    primary key (box, owner)
);

create table webhook_subscription (
    id                   uuid          primary key,
    owner                varchar(200)  not null,
    url                  varchar(2000) not null,
    description          varchar(500),
    -- progress, indicator, notification; comma separated
    event_types          varchar(200)  not null,
    department_code      varchar(100),
    plan_id              varchar(100),
    -- AES-GCM encrypted (v1:...) when ecoplan.webhooks.secret-encryption-key is set, else plain:...
    secret               varchar(500)  not null,
    enabled              boolean       not null,
    disabled_reason      varchar(1000),
    consecutive_failures integer       not null,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null
);
create index webhook_subscription_owner on webhook_subscription (owner, created_at desc);

create table webhook_delivery (
    id               uuid          primary key,
    subscription_id  uuid          not null references webhook_subscription (id) on delete cascade,
    event_id         uuid          not null,
    event_type       varchar(200)  not null,
    -- the exact body that is signed and sent
    body             text          not null,
    status           varchar(20)   not null,
    attempts         integer       not null,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       varchar(1000),
    created_at       timestamptz   not null,
    delivered_at     timestamptz,
    constraint webhook_delivery_once unique (subscription_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, created_at desc, id);

create table webhook_attempt (
    id           bigint generated always as identity primary key,
    delivery_id  uuid          not null references webhook_delivery (id) on delete cascade,
    attempt      integer       not null,
    attempted_at timestamptz   not null,
    status_code  integer,
    error        varchar(1000),
    duration_ms  integer       not null
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, attempt);

-- E-mails written in the alert's transaction and sent by the mail sender afterwards.
create table email_message (
    id              uuid          primary key,
    message_id      uuid          not null,
    recipient       varchar(320)  not null,
    subject         varchar(1000) not null,
    body            text          not null,
    status          varchar(20)   not null,
    attempts        integer       not null,
    next_attempt_at timestamptz,
    last_error      varchar(1000),
    created_at      timestamptz   not null,
    sent_at         timestamptz,
    constraint email_once unique (message_id, recipient)
);
create index email_pending on email_message (next_attempt_at) where status = 'PENDING';
