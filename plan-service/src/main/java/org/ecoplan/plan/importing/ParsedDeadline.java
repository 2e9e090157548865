package org.ecoplan.plan.importing;

import org.ecoplan.plan.catalogue.DeadlineKind;

import java.time.LocalDate;

/**
 * A measure's deadline.
 *
 * @param kind  DATE, WINDOW or ONGOING
 * @param start first day of a WINDOW; null otherwise
 * @param end   last day of a DATE or WINDOW; null for ONGOING
 * @param label the 完成时限 text as written, e.g. 年底前
 */
public record ParsedDeadline(DeadlineKind kind, LocalDate start, LocalDate end, String label) {
}
