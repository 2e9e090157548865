package org.ecoplan.progress.status;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueEntityChanged;
import org.ecoplan.catalogue.replica.CatalogueReplica;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Finds measures whose deadline passed without completion, once a day (after midnight in the district), and
 * follows deadline changes from the catalogue.
 */
@ApplicationScoped
public class OverdueJob {

    private final CatalogueReplica catalogue;
    private final CatalogueMeasures measures;
    private final OfficialStatusService officialStatus;

    OverdueJob(CatalogueReplica catalogue, CatalogueMeasures measures, OfficialStatusService officialStatus) {
        this.catalogue = catalogue;
        this.measures = measures;
        this.officialStatus = officialStatus;
    }

    @Scheduled(cron = "${ecoplan.progress.overdue-cron:0 5 0 * * ?}", timeZone = "${ecoplan.clock.zone:Asia/Shanghai}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        run();
    }

    /** One sweep over the catalogue; tests call it after setting the business clock. */
    public List<String> run() {
        List<String> marked = officialStatus.markOverdue(measures.all());
        Log.infof("Overdue check: %d measure(s) newly overdue", marked.size());
        return marked;
    }

    // Inside the replica's transaction: the status follows the catalogue or neither changes. Nothing here may
    // throw for bad data, since that would stop the catalogue channel; a measure that cannot be read is logged.
    @Transactional(TxType.MANDATORY)
    void onCatalogueChange(@Observes CatalogueEntityChanged change) {
        if (change.removed() || !CatalogueEvents.MEASURE.aggregateType().equals(change.aggregateType())) {
            return;
        }
        MeasureState measure;
        try {
            measure = catalogue.find(MeasureState.class, change.entityId()).orElse(null);
        } catch (IllegalStateException e) {
            Log.warnf("Measure %s from the catalogue cannot be read, its status keeps the old deadline: %s",
                    change.entityId(), e.getMessage());
            return;
        }
        if (measure != null) {
            officialStatus.deadlineChanged(measure);
        }
    }
}
