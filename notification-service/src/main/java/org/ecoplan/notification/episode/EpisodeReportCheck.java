package org.ecoplan.notification.episode;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.notification.alert.AlertDraft;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.alert.AlertService;
import org.ecoplan.notification.alert.RaisedAlert;
import org.ecoplan.notification.alert.SubjectType;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.supervision.SupervisionLock;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Raises {@code EPISODE_REPORT_MISSING} for every member unit that had not filed its daily response by
 * {@code ecoplan.episodes.daily-report-hour} (20:00 Beijing time) of a day of an active episode, by the business clock:
 * to the unit and the supervisors. Each alert's key is (rule, episode, {@code <unit>@<day>}), inserted with ON CONFLICT
 * DO NOTHING, and replicas take turns on the supervision lock, so each is raised once; an hourly check (at :10, so that
 * a response filed just before the hour has arrived) also catches up days a stopped service missed.
 */
@ApplicationScoped
public class EpisodeReportCheck {

    /** Lifted episodes are checked this many days on: the days before the lifting were checked while it ran. */
    private static final int LOOK_BACK_DAYS = 2;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

    private final EpisodeReports reports;
    private final AlertService alerts;
    private final SupervisionLock lock;
    private final BusinessClock clock;
    private final EpisodeConfig config;

    EpisodeReportCheck(EpisodeReports reports, AlertService alerts, SupervisionLock lock, BusinessClock clock, EpisodeConfig config) {
        this.reports = reports;
        this.alerts = alerts;
        this.lock = lock;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(cron = "${ecoplan.episodes.report-check-cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkOnSchedule() {
        check();
    }

    /** @return the alerts that were new */
    @Transactional
    public List<RaisedAlert> check() {
        lock.awaitTurn();
        Instant now = clock.now();
        List<AlertDraft> drafts = reports.missingBy(now, clock.zone(), LOOK_BACK_DAYS).stream().map(missing -> {
            String day = missing.day().format(DAY);
            String what = missing.departmentName() + "未在" + day + config.dailyReportHour() + "时前报送重污染天气应对情况";
            return new AlertDraft(AlertRule.EPISODE_REPORT_MISSING, AlertRule.EPISODE_REPORT_MISSING.defaultSeverity(),
                    SubjectType.EPISODE, missing.episodeId(), missing.departmentCode() + "@" + missing.day(), null,
                    "【督办】" + what, what + "（" + level(missing.level()) + "）。请尽快补报每日应对情况（POST /episodes/"
                            + missing.episodeId() + "/responses）。",
                    List.of(missing.departmentCode()), Set.of(Audience.department(missing.departmentCode()), Audience.SUPERVISORS),
                    clock.today());
        }).toList();
        List<RaisedAlert> raised = alerts.raise(drafts);
        if (!raised.isEmpty()) {
            Log.infof("Episode daily report check at %s: %d missing report(s) raised", now, raised.size());
        }
        return raised;
    }

    private static String level(String level) {
        try {
            return WarningLevel.valueOf(level).chineseName();
        } catch (IllegalArgumentException e) {
            return level;
        }
    }
}
