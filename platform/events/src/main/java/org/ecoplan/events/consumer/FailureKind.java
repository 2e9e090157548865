package org.ecoplan.events.consumer;

/** What a failure to apply a record means for the record. */
public enum FailureKind {
    /** PostgreSQL (or the broker) is away: retry the same record with back-off for as long as it takes; not ready meanwhile. */
    TRANSIENT,
    /** The handler waits for something busy ({@link RetryLaterException}): retry after a pause, stay ready. */
    BUSY,
    /** A concurrent writer got in the way: retry a few times, then treat as {@link #PERMANENT}. */
    CONTENTION,
    /** The record can never be applied as it is (bad content, a value out of range, a bug): dead-letter it and go on. */
    PERMANENT
}
