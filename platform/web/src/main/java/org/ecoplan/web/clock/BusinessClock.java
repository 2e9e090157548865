package org.ecoplan.web.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The time every business rule asks: server timestamps, "today" for deadlines and periods, the share of the
 * year that has passed. Deadlines are dates in the district's time zone, so "today" is taken there, not in
 * UTC. Tests (and only deployments that enable {@code ecoplan.clock.adjustable}) can set it, so that a whole
 * year of deadlines can be walked through in seconds.
 */
@ApplicationScoped
public class BusinessClock {

    private final ZoneId zone;
    private final boolean adjustable;
    private volatile Clock clock;

    BusinessClock(@ConfigProperty(name = "ecoplan.clock.zone", defaultValue = "Asia/Shanghai") ZoneId zone,
            @ConfigProperty(name = "ecoplan.clock.adjustable", defaultValue = "false") boolean adjustable) {
        this.zone = zone;
        this.adjustable = adjustable;
        this.clock = Clock.system(zone);
    }

    /**
     * Now, to the microsecond: what PostgreSQL keeps of a timestamp. An instant answered right after a write is then
     * the one a later read (or a history rebuilt from the stored rows) answers, never one that differs in the nanos.
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public ZonedDateTime zonedNow() {
        return ZonedDateTime.now(clock);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether this deployment lets the clock be set ({@code ecoplan.clock.adjustable}: tests and system tests only). */
    public boolean isAdjustable() {
        return adjustable;
    }

    /** Stops the clock at {@code instant}; it stays there until set again or {@link #useSystemTime()}. */
    public void setTo(Instant instant) {
        requireAdjustable();
        this.clock = Clock.fixed(instant, zone);
    }

    /** Stops the clock at the start of {@code date} in the district's zone plus {@code hour} hours. */
    public void setTo(LocalDate date, int hour) {
        setTo(date.atStartOfDay(zone).plusHours(hour).toInstant());
    }

    public void useSystemTime() {
        requireAdjustable();
        this.clock = Clock.system(zone);
    }

    private void requireAdjustable() {
        if (!adjustable) {
            throw new IllegalStateException("The business clock is not adjustable here (ecoplan.clock.adjustable=false)");
        }
    }
}
