package org.ecoplan.notification.episode;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Heavy-pollution episodes: how long a member unit has to acknowledge its duties, and when that is escalated. */
@ConfigMapping(prefix = "ecoplan.episodes")
public interface EpisodeConfig {

    /** A unit that has not acknowledged its duties this long after they were sent is reported to the supervisors. */
    @WithDefault("2h")
    Duration acknowledgeWithin();

    /** Still not acknowledged this long after they were sent: the unit's head is told too. */
    @WithDefault("4h")
    Duration headEscalationAfter();

    /**
     * A member unit's response for a day of an active episode is due by this hour of that day (0-23, in
     * {@code ecoplan.clock.zone}, Beijing time); a unit without one by then gets {@code EPISODE_REPORT_MISSING}.
     */
    @WithDefault("20")
    @Min(0)
    @Max(23)
    int dailyReportHour();

    /** When missing daily reports are checked (read by the scheduler; {@code off} disables). */
    @WithDefault("0 10 * * * ?")
    String reportCheckCron();

    /**
     * The area whose daily air quality the assessment shows: the district's code in indicator-service's
     * observations ({@code YANQING}, 延庆区).
     */
    @WithDefault("YANQING")
    String airQualityArea();

    /** Heavy-pollution days (AQI above 200) the year allows: 附件1 task 1, at most 3. */
    @WithDefault("3")
    @Min(0)
    int heavyDayBudget();

    /** When the acknowledgements are checked (read by the scheduler; {@code off} disables). */
    @WithDefault("0 */5 * * * ?")
    String checkCron();
}
