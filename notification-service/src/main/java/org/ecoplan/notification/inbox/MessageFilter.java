package org.ecoplan.notification.inbox;

import java.time.LocalDate;

import io.quarkus.panache.common.Parameters;

/** Optional filters of an inbox listing; each is served by an index on (box, owner, …). */
public record MessageFilter(String rule, String severity, String subjectId, Boolean unread, LocalDate from,
        LocalDate to) {

    String clause(Parameters parameters) {
        StringBuilder clause = new StringBuilder();
        if (rule != null) {
            clause.append(" and rule = :rule");
            parameters.and("rule", rule);
        }
        if (severity != null) {
            clause.append(" and severity = :severity");
            parameters.and("severity", severity);
        }
        if (subjectId != null) {
            clause.append(" and subjectId = :subjectId");
            parameters.and("subjectId", subjectId);
        }
        if (Boolean.TRUE.equals(unread)) {
            clause.append(" and readAt is null");
        } else if (Boolean.FALSE.equals(unread)) {
            clause.append(" and readAt is not null");
        }
        if (from != null) {
            clause.append(" and businessDate >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            clause.append(" and businessDate <= :to");
            parameters.and("to", to);
        }
        return clause.toString();
    }
}
