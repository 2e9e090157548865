package org.ecoplan.progress.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The rules of progress reporting that a district may set differently. */
@ConfigMapping(prefix = "ecoplan.progress")
public interface ProgressConfig {

    /**
     * Whether a reporter of a measure's LEAD department may approve or return the reports of the other
     * departments on that measure, besides the supervisors. Never its own department's reports.
     */
    @WithDefault("false")
    boolean leadDepartmentApproves();

    Delivery delivery();

    Evidence evidence();

    Idempotency idempotency();

    interface Delivery {
        /**
         * BEHIND_PACE when the share of the measure's window elapsed exceeds its percent complete by at least this
         * many percentage points (序时进度; 1-100). Read by {@link org.ecoplan.progress.status.DeliveryRule}.
         */
        @WithDefault("25")
        int behindPaceGap();

        /**
         * When the daily assessment is tried (Quarkus cron, in {@code ecoplan.clock.zone}); it assesses once per
         * business date, so an hourly schedule catches up a missed night. {@code off} disables it. Read by the
         * {@code @Scheduled} expression of {@link org.ecoplan.progress.status.DeliveryAssessmentJob}.
         */
        @WithDefault("0 5 * * * ?")
        String assessmentCron();
    }

    interface Evidence {
        /** Largest evidence file accepted; larger ones get 413. */
        @WithDefault("10M")
        io.quarkus.runtime.configuration.MemorySize maxSize();
    }

    interface Idempotency {
        /** How long a client may retry a POST with the same Idempotency-Key and get the original answer. */
        @WithDefault("7d")
        Duration retention();
    }
}
