package org.ecoplan.indicator.bulletin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the monthly supervision bulletin ({@code ecoplan.indicator.bulletin.*}). */
@ConfigMapping(prefix = "ecoplan.indicator.bulletin")
public interface BulletinConfig {

    /** The bulletin of a month is dated (and published) on this day of the next month. */
    @WithDefault("3")
    int publishDay();

    /** The issuing office printed under the title; {@code %s} is the district. */
    @WithDefault("%s生态环境局")
    String issuer();
}
