package org.ecoplan.notification.episode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
 * Escalates duties nobody acknowledged, like the supervision rules escalate overdue measures: to the supervisors after
 * {@code ecoplan.episodes.acknowledge-within} (2 h), to the unit's head as well after
 * {@code ecoplan.episodes.head-escalation-after} (4 h), by the business clock. Each alert's key is (rule, episode,
 * {@code <department>@rev<n>}), inserted with ON CONFLICT DO NOTHING, and replicas take turns on the supervision
 * lock: every escalation is raised once, however often and on however many replicas the check runs.
 */
@ApplicationScoped
public class EpisodeEscalation {

    private final EpisodeAcknowledgements acknowledgements;
    private final AlertService alerts;
    private final SupervisionLock lock;
    private final BusinessClock clock;
    private final EpisodeConfig config;

    EpisodeEscalation(EpisodeAcknowledgements acknowledgements, AlertService alerts, SupervisionLock lock, BusinessClock clock,
            EpisodeConfig config) {
        this.acknowledgements = acknowledgements;
        this.alerts = alerts;
        this.lock = lock;
        this.clock = clock;
        this.config = config;
    }

    // Acknowledgements are due within hours, so this runs more often than the hourly supervision tick.
    @Scheduled(cron = "${ecoplan.episodes.check-cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkOnSchedule() {
        check();
    }

    /** @return the escalations that were new */
    @Transactional
    public List<RaisedAlert> check() {
        lock.awaitTurn();
        Instant now = clock.now();
        LocalDate today = clock.today();
        List<AlertDraft> drafts = new ArrayList<>();
        for (var open : acknowledgements.openSentBy(now.minus(config.acknowledgeWithin()))) {
            String period = open.departmentCode() + "@rev" + open.revision();
            String what = open.departmentName() + "未在" + EpisodeDuties.hours(config.acknowledgeWithin()) + "内确认重污染天气应急任务";
            drafts.add(new AlertDraft(AlertRule.EPISODE_UNACKNOWLEDGED, AlertRule.EPISODE_UNACKNOWLEDGED.defaultSeverity(),
                    SubjectType.EPISODE, open.episodeId(), period, null, "【督办】" + what,
                    what + "（" + level(open.level()) + "，应于" + open.dueAt() + "前确认）。", List.of(open.departmentCode()),
                    Set.of(Audience.SUPERVISORS), today));
            if (!open.requestedAt().plus(config.headEscalationAfter()).isAfter(now)) {
                String late = open.departmentName() + "超过" + EpisodeDuties.hours(config.headEscalationAfter()) + "仍未确认重污染天气应急任务";
                drafts.add(new AlertDraft(AlertRule.EPISODE_ESCALATED_TO_HEAD, AlertRule.EPISODE_ESCALATED_TO_HEAD.defaultSeverity(),
                        SubjectType.EPISODE, open.episodeId(), period, null, "【督办·负责人】" + late,
                        late + "（" + level(open.level()) + "），请单位负责人督促落实。", List.of(open.departmentCode()),
                        Set.of(Audience.head(open.departmentCode()), Audience.SUPERVISORS), today));
            }
        }
        List<RaisedAlert> raised = alerts.raise(drafts);
        if (!raised.isEmpty()) {
            Log.infof("Episode acknowledgement check at %s: %d escalation(s) raised", now, raised.size());
        }
        return raised;
    }

    private static String level(String level) {
        try {
            return org.ecoplan.catalogue.contract.WarningLevel.valueOf(level).chineseName();
        } catch (IllegalArgumentException e) {
            return level;
        }
    }
}
