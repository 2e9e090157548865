package org.ecoplan.progress.report;

import org.ecoplan.catalogue.contract.MeasureState;

/**
 * What a report's workflow steps mean for its measure's official status, kept by the status package (which
 * implements this): the report workflow tells it, and depends only on this interface, so that reports stay below
 * the status derived from them. Every method runs in the caller's transaction.
 */
public interface OfficialStatusKeeper {

    /**
     * Locks the measure's status row for the rest of the transaction; every workflow step that publishes an event
     * calls this (or {@link #submitting}) first, so that a measure's events are recorded in the order they commit.
     */
    void lockStatusOf(MeasureState measure);

    /**
     * The report is being submitted: locks its measure's status row as {@link #lockStatusOf} does and records what a
     * submission changes there, in one step, before the submission's event is recorded. The report's measure, kind
     * and period are final by then.
     */
    void submitting(MeasureState measure, ProgressReport report);

    /** A report was approved (its measure's status row locked by {@link #lockStatusOf} before). */
    void approved(MeasureState measure, ProgressReport report);
}
