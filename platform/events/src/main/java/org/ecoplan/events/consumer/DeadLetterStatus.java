package org.ecoplan.events.consumer;

/** Where a dead letter stands; every status but OPEN is resolved. */
public enum DeadLetterStatus {
    /** Waiting for an administrator. */
    OPEN,
    /** An administrator's retry applied it with the code and data of that day. */
    RESOLVED,
    /** An administrator decided it is not to be applied, with a reason. */
    DISCARDED,
    /** A later state of the same entity (same key, later offset) was applied: this one no longer matters. */
    SUPERSEDED
}
