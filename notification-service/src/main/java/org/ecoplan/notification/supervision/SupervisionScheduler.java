package org.ecoplan.notification.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.notification.alert.AlertDraft;
import org.ecoplan.notification.alert.AlertService;
import org.ecoplan.notification.alert.RaisedAlert;
import org.ecoplan.notification.inbox.DigestWriter;
import org.ecoplan.progress.replica.ProgressReplica;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Evaluates the date-driven rules for a business day. A tick is idempotent: it may run hourly, after a
 * restart, or twice for the same day, and raises each alert once. All measures are evaluated in memory
 * against one read of the progress table, so walking a whole year takes seconds. Replicas tick one after the
 * other ({@link SupervisionLock}): the second finds everything done.
 */
@ApplicationScoped
public class SupervisionScheduler {

    private final BusinessClock clock;
    private final CatalogueSnapshot catalogue;
    private final ProgressReplica progress;
    private final MeasureRules measureRules;
    private final ReviewRules reviewRules;
    private final AlertService alerts;
    private final DigestWriter digests;
    private final SupervisionLock lock;

    SupervisionScheduler(BusinessClock clock, CatalogueSnapshot catalogue, ProgressReplica progress,
            MeasureRules measureRules, ReviewRules reviewRules, AlertService alerts, DigestWriter digests,
            SupervisionLock lock) {
        this.lock = lock;
        this.clock = clock;
        this.catalogue = catalogue;
        this.progress = progress;
        this.measureRules = measureRules;
        this.reviewRules = reviewRules;
        this.alerts = alerts;
        this.digests = digests;
    }

    // The cron runs in the district's zone (BusinessClock's default), whatever the server's.
    @Scheduled(cron = "${ecoplan.supervision.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tickOnSchedule() {
        tick();
    }

    /** Evaluates today, by the business clock. */
    public TickResult tick() {
        return tick(clock.today());
    }

    @Transactional
    public TickResult tick(LocalDate today) {
        lock.awaitTurn();
        List<AlertDraft> drafts = new ArrayList<>(measureRules.evaluate(today, catalogue.measures(), progress.all()));
        drafts.addAll(reviewRules.waiting(clock.now(), today));
        List<RaisedAlert> raised = alerts.raise(drafts);
        int digestsWritten = digests.writeDue(today);
        if (!raised.isEmpty() || digestsWritten > 0) {
            Log.infof("Supervision tick %s: %d alert(s) raised, %d digest(s) written", today, raised.size(), digestsWritten);
        }
        return new TickResult(today, drafts.size(), raised.size(), digestsWritten);
    }

    /**
     * @param evaluated drafts the rules proposed (most exist already)
     * @param raised    alerts that were new
     */
    public record TickResult(LocalDate day, int evaluated, int raised, int digests) {
    }
}
