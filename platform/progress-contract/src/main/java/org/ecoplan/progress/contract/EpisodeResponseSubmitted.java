package org.ecoplan.progress.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A member unit's daily response to a heavy-pollution episode as it stands after it was filed or corrected: the whole
 * response, so that a consumer keeping only the latest revision knows everything.
 *
 * @param responseId      stable id of the response
 * @param revision        1 when filed, +1 per correction; a consumer drops a revision it has seen
 * @param episodeId       the episode (plan-service's id), also the Kafka key
 * @param departmentCode  the member unit, e.g. HOUSING
 * @param departmentName  its Chinese name, e.g. 区住房城乡建设委
 * @param day             the business date (Asia/Shanghai) of the episode the response is for
 * @param level           the warning level in force when the response was first filed (BLUE … RED)
 * @param quantities      the quantities the unit's duties ask it to report, e.g. 检查工地数 = 35; each name at most once
 * @param narrative       what the unit did, may be empty
 * @param reporter        who filed it (token subject)
 * @param firstSubmittedAt server time of the first filing: whether the day's report was on time is judged on it
 * @param submittedAt     server time of this revision (the correction's time after a correction)
 * @param clientTimestamp when the phone recorded it, null if not sent
 * @param evidenceCount   photos attached to it (GET /episodes/{id}/responses/{responseId}/evidence)
 */
public record EpisodeResponseSubmitted(String responseId, long revision, String episodeId, String departmentCode,
        String departmentName, LocalDate day, String level, List<Quantity> quantities, String narrative, String reporter,
        Instant firstSubmittedAt, Instant submittedAt, Instant clientTimestamp, int evidenceCount) {

    /**
     * @param name  a report item of the unit's duties, e.g. 停工工地数
     * @param value the number reported for the day, 0 or more
     */
    public record Quantity(String name, BigDecimal value) {
    }
}
