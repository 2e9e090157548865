package org.ecoplan.indicator.bulletin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the monthly supervision bulletin ({@code ecoplan.indicator.bulletin.*}). */
@ConfigMapping(prefix = "ecoplan.indicator.bulletin")
public interface BulletinConfig {

    /** The bulletin of a month is dated (and published) on this day of the next month. */
    @WithDefault("3")
    int publishDay();

    /** When the publisher looks for a bulletin due (district time, Quarkus cron; {@code off} disables it). */
    @WithDefault("0 0 8 * * ?")
    String publishCron();

    /** Where people reach this service: the links in {@code bulletin.published.v1}. */
    @WithDefault("http://localhost:8083")
    String publicUrl();

    /** The issuing office printed under the title; {@code %s} is the district. */
    @WithDefault("%s生态环境局")
    String issuer();
}
