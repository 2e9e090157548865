package org.ecoplan.progress.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueEntityChanged;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Moves delivery states that change with the calendar alone (a deadline passing, pace slipping, a window
 * opening): once per business date, after midnight in the district, every catalogue measure is assessed —
 * also those nobody has reported on — and each change is published. A measure the catalogue brings or changes
 * is assessed at once, in the replica's transaction.
 * <p>
 * Once across replicas: the run holds a PostgreSQL advisory lock (a second replica skips instead of waiting)
 * and records its business date in {@code delivery_assessment_run} in the same transaction; a later try on
 * that date does nothing. A run that fails rolls back entirely and the next scheduled try (hourly by default)
 * does it again. Re-assessing is idempotent anyway: an unchanged state publishes nothing.
 */
@ApplicationScoped
public class DeliveryAssessmentJob {

    private final CatalogueReplica catalogue;
    private final CatalogueMeasures measures;
    private final OfficialStatusService officialStatus;
    private final AssessmentRunRepository runs;
    private final BusinessClock clock;

    DeliveryAssessmentJob(CatalogueReplica catalogue, CatalogueMeasures measures, OfficialStatusService officialStatus,
            AssessmentRunRepository runs, BusinessClock clock) {
        this.catalogue = catalogue;
        this.measures = measures;
        this.officialStatus = officialStatus;
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(cron = "${ecoplan.progress.delivery.assessment-cron:0 5 * * * ?}",
            timeZone = "${ecoplan.clock.zone:Asia/Shanghai}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        run();
    }

    /**
     * Assesses today's business date unless it was assessed already or another replica is at it; tests call
     * it after setting the business clock.
     */
    @Transactional
    public Result run() {
        LocalDate today = clock.today();
        if (!runs.tryLock()) {
            Log.infof("Delivery assessment of %s: another replica is running it", today);
            return new Result(today, false, 0, List.of());
        }
        if (runs.ranOn(today)) {
            return new Result(today, false, 0, List.of());
        }
        Instant started = clock.now();
        List<MeasureState> all = measures.all();
        List<String> published = officialStatus.assessAll(all, today);
        runs.record(today, started, clock.now(), all.size(), published.size());
        Log.infof("Delivery assessment of %s: %d measure(s) assessed, %d change(s) published", today, all.size(),
                published.size());
        return new Result(today, true, all.size(), published);
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
            Log.warnf("Measure %s from the catalogue cannot be read, its delivery state keeps the old deadline: %s",
                    change.entityId(), e.getMessage());
            return;
        }
        if (measure != null) {
            officialStatus.catalogueChanged(measure);
        }
    }

    /**
     * @param businessDate the date assessed
     * @param ran          false when the date was assessed already or another replica was assessing it
     * @param assessed     measures assessed
     * @param published    measures whose change was published
     */
    public record Result(LocalDate businessDate, boolean ran, int assessed, List<String> published) {
    }
}
