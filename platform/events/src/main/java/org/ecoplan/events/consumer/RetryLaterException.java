package org.ecoplan.events.consumer;

/**
 * A handler cannot apply the record now because something it needs is busy for a while, e.g. a roll-up rebuild
 * holds the roll-up lock. The record is not broken and the database is not away: {@link EventConsumption} tries
 * the same record again after {@code ecoplan.events.consumers.busy-retry-interval}, for as long as it takes, and
 * the service stays ready.
 */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String reason) {
        super(reason);
    }
}
