package org.ecoplan.indicator.overview;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the district overview ({@code ecoplan.indicator.overview.*}). */
@ConfigMapping(prefix = "ecoplan.indicator.overview")
public interface OverviewConfig {

    /** A month's report is on time when first submitted by the end of this day of the next month (district time). */
    @WithDefault("5")
    int reportDueDay();

    /** How many supervision-list entries the overview itself carries (the rest: the list endpoint). */
    @WithDefault("10")
    int firstItems();

    /** How many entries of the department ranking the overview itself carries. */
    @WithDefault("5")
    int worstDepartments();
}
