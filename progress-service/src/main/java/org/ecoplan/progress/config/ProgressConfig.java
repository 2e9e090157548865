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

    /**
     * When the daily overdue check runs (Quarkus cron, in {@code ecoplan.clock.zone}); {@code off} disables it.
     * Read by the {@code @Scheduled} expression of {@link org.ecoplan.progress.status.OverdueJob}.
     */
    @WithDefault("0 5 0 * * ?")
    String overdueCron();

    Evidence evidence();

    Idempotency idempotency();

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
