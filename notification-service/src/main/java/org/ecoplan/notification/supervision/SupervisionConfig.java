package org.ecoplan.notification.supervision;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The supervision rules' thresholds and recipients. */
@ConfigMapping(prefix = "ecoplan.supervision")
public interface SupervisionConfig {

    /** When the scheduler evaluates the rules (Quarkus cron, district time zone); {@code off} disables it. */
    String cron();

    /** Days before a deadline (DATE end or WINDOW end) on which a reminder is due. */
    @WithDefault("30,7,1")
    List<Integer> reminderDaysBefore();

    /** Days before a seasonal window opens on which it is announced. */
    @WithDefault("7")
    int windowOpeningDaysBefore();

    BehindPace behindPace();

    Overdue overdue();

    MissingReport missingReport();

    Review review();

    Indicators indicators();

    /**
     * Recipients by rule, keyed by {@code AlertRule.configKey()}, e.g.
     * {@code ecoplan.supervision.recipients.overdue.roles=LEAD,RESPONSIBLE}.
     */
    Map<String, Recipients> recipients();

    /**
     * The BEHIND_PACE alert. Whether a measure is behind pace is progress-service's decision (its
     * {@code ecoplan.progress.delivery.behind-pace-gap}), carried on its events; only when to warn is set here.
     */
    interface BehindPace {
        /** Raised at most once a month while the measure is behind pace, from this day of the month on. */
        @WithDefault("1")
        int checkDay();
    }

    interface Overdue {
        /** Days after the overdue alert after which a still-overdue measure escalates to the supervisors. */
        @WithDefault("7")
        int supervisorEscalationDays();

        /** Days after the overdue alert after which it escalates to the departments' heads. */
        @WithDefault("14")
        int headEscalationDays();
    }

    interface MissingReport {
        /** Last month's report is due by this day of the month. */
        @WithDefault("5")
        int dueDay();
    }

    interface Review {
        /** A submitted report waiting longer than this for review raises an alert. */
        @WithDefault("72h")
        Duration maxWait();
    }

    interface Indicators {
        /** Heavy-pollution day budget: alert when at most this many days are left. */
        @WithDefault("1")
        int pollutionBudgetThreshold();

        /** Indicators whose name contains this are heavy-pollution day budgets (with kind COUNT_OF_DAYS, AT_MOST). */
        @WithDefault("重污染")
        String pollutionBudgetNameContains();
    }

    interface Recipients {
        /** Department roles: LEAD, RESPONSIBLE, ASSISTING (measures), LEAD, COOPERATING (indicators). */
        @WithDefault("LEAD,RESPONSIBLE")
        List<String> roles();

        /** Also the supervisors' inbox. */
        @WithDefault("false")
        boolean supervisors();

        /** Also the heads of the departments in {@link #roles()}. */
        @WithDefault("false")
        boolean heads();

        /** Also the departments' own inboxes (false: only heads and/or supervisors). */
        @WithDefault("true")
        boolean departments();
    }
}
