package org.ecoplan.indicator.bulletin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.ecoplan.indicator.airquality.AirQualityService.RankedArea;
import org.ecoplan.indicator.overview.Overview;
import org.ecoplan.indicator.overview.Overview.RankedParty;
import org.ecoplan.indicator.overview.Overview.SupervisionItem;
import org.ecoplan.indicator.tracking.DepartmentNames.Named;

/**
 * Every figure of one month's bulletin, taken as of the month's end from the district overview (the same service
 * methods the {@code /overview} calls answer with): one set of figures, rendered as HTML, .docx and PDF.
 *
 * @param overview       {@code GET /overview?asOf=<month end>}: counts per plan and section, indicators, air quality
 * @param supervision    the whole supervision list (overdue and behind pace, worst first)
 * @param departments    the whole department ranking (by overdue, then behind pace)
 * @param monthlyAir     the district's daily values per month, this year up to the month and all of last year
 * @param towns          the month's PM2.5 ranking of the 18, with each area's rank the month before
 * @param yearTowns      the ranking on the year so far (1 January to the month's end)
 * @param returned       the district's progress reports returned to their departments in the month (district time),
 *                       oldest first
 * @param correctedAt    when data of the month (a state, a daily air value or a report's return) was recorded after the bulletin's issue
 *                       date: the bulletin says so in a footnote; {@code null} when nothing was
 */
public record BulletinFigures(String month, String district, int year, String edition, LocalDate asOf,
        LocalDate issuedOn, String issuer, Overview overview, List<SupervisionItem> supervision,
        List<RankedParty> departments, List<MonthlyAir> monthlyAir, List<TownRank> towns, List<RankedArea> yearTowns,
        List<ReturnedReport> returned, Instant correctedAt) {

    /**
     * A progress report returned to its department in the month, with the reviewer's reason.
     *
     * @param taskLabel  {@code 附件1 第30项}
     * @param department the reporting department with its name
     * @param period     the report's month ({@code 2026-05}); {@code null} for an ad-hoc report
     * @param returnedOn the return's date in the district's calendar
     */
    public record ReturnedReport(String reportId, String measureId, String taskLabel, String taskName, String measureText,
            Named department, String period, LocalDate returnedOn, String reason) {
    }

    /**
     * One month of the district's daily air values.
     *
     * @param pm25Mean mean of the valid daily PM2.5 values, µg/m³, one decimal as published; {@code null} without any
     */
    public record MonthlyAir(int year, int month, Double pm25Mean, int pm25Days, int goodDays, int heavyDays, int aqiDays) {
    }

    /**
     * @param previousRank the area's rank the month before, {@code null} without data then
     */
    public record TownRank(RankedArea area, Integer previousRank) {

        /** Places moved towards the worst (positive) or away from it (negative); {@code null} when not comparable. */
        public Integer change() {
            return area.rank() == null || previousRank == null ? null : previousRank - area.rank();
        }
    }
}
