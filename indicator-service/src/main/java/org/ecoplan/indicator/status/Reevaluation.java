package org.ecoplan.indicator.status;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.indicator.rollup.RollupService;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Time alone changes judgements: a deadline passes, a new month starts a new reporting period, the share
 * of the year grows. Once a day everything is judged again; only real changes are published.
 */
@ApplicationScoped
public class Reevaluation {

    private final StatusService status;
    private final RollupService rollups;

    Reevaluation(StatusService status, RollupService rollups) {
        this.status = status;
        this.rollups = rollups;
    }

    @Scheduled(cron = "${ecoplan.indicator.status.reevaluate-cron:0 30 0 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        run();
    }

    /** @return judgements changed + roll-ups changed */
    public int run() {
        int indicators = status.evaluateAll();
        int scopes = rollups.recomputeAll();
        Log.infof("Re-evaluation: %d indicator judgement(s) and %d roll-up(s) changed", indicators, scopes);
        return indicators + scopes;
    }
}
