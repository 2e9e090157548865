package org.ecoplan.notification.alert;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.ecoplan.notification.inbox.Audience;

/**
 * An alert a rule wants raised. It is raised only if no alert with the same {@link #key()} exists, so a
 * rule may propose the same draft on every evaluation.
 *
 * @param period      what makes this occurrence distinct for its rule and subject: a reminder step
 *                    ({@code D-7@2026-06-30}), a report period ({@code 2026-05}), a report revision …
 * @param departments the departments addressed (codes), for e-mail, webhook filters and display
 */
public record AlertDraft(AlertRule rule, Severity severity, SubjectType subjectType, String subjectId, String period,
        String planId, String title, String reason, List<String> departments, Set<Audience> audiences,
        LocalDate businessDate) {

    public AlertDraft {
        departments = List.copyOf(departments);
        audiences = Set.copyOf(audiences);
    }

    /** The identity that makes an alert fire once: rule, subject and period. */
    public String key() {
        return rule + "|" + subjectId + "|" + period;
    }
}
