package org.ecoplan.indicator.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A month's supervision bulletin (月度调度通报) is ready: published once per district and month, on the configured
 * day of the next month, by indicator-service. Keyed by {@code district + "/" + month}.
 *
 * @param month            {@code 2026-05}
 * @param asOf             the month's last day: the date the figures are for
 * @param issuedOn         the date printed on the bulletin
 * @param summaryText      the bulletin's summary paragraph (Chinese, numbers as published)
 * @param needingSupervision overdue + behind-pace measures at the month's end
 * @param leadDepartments  codes of the departments and groups that lead or are responsible for a measure of the
 *                         district's plans (directly named): the bulletin's addressees beside the supervisors
 * @param links            the bulletin in each form, absolute URLs
 */
public record BulletinPublished(String district, int year, String month, LocalDate asOf, LocalDate issuedOn,
        String title, String summaryText, int needingSupervision, int overdue, int behindPace,
        List<String> leadDepartments, Links links, Instant publishedAt) {

    public record Links(String html, String docx, String pdf) {
    }
}
