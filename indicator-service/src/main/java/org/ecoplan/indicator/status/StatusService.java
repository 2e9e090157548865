package org.ecoplan.indicator.status;


import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.contract.IndicatorStatusChanged;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.indicator.observation.Observation;
import org.ecoplan.indicator.observation.ObservationRepository;
import org.ecoplan.indicator.observation.SeriesChanged;
import org.ecoplan.indicator.status.StatusEvaluator.Evidence;
import org.ecoplan.indicator.status.StatusEvaluator.Point;
import org.ecoplan.indicator.status.StatusEvaluator.Target;
import org.ecoplan.indicator.tracking.IndicatorChanged;
import org.ecoplan.indicator.tracking.TrackedIndicator;
import org.ecoplan.indicator.tracking.TrackedIndicatorRepository;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.ProblemException;

import io.quarkus.logging.Log;

/**
 * Keeps every tracked indicator's judgement current and publishes {@code indicator.status-changed.v1}
 * whenever it changes (new observations, a target set, a candidate confirmed, the passing of time).
 */
@ApplicationScoped
public class StatusService {

    private final TrackedIndicatorRepository indicators;
    private final ObservationRepository observations;
    private final EventOutbox outbox;
    private final BusinessClock clock;
    private final StatusThresholdsRepository thresholds;

    StatusService(TrackedIndicatorRepository indicators, ObservationRepository observations, EventOutbox outbox,
            BusinessClock clock, StatusThresholdsRepository thresholds) {
        this.indicators = indicators;
        this.observations = observations;
        this.outbox = outbox;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    public ThresholdsInForce thresholds() {
        return thresholds.inForce();
    }

    /**
     * Stores the thresholds and judges every indicator again with them, in one transaction with the changed
     * judgements' events: either all of it is committed or none.
     */
    @Transactional
    public ThresholdsInForce changeThresholds(Thresholds changed, String by) {
        if (changed.scheduleOffTrackRatio() > changed.scheduleOnTrackRatio()) {
            throw ProblemException.invalidField("scheduleOffTrackRatio",
                    "must not be above scheduleOnTrackRatio / 落后阈值不能高于正常阈值");
        }
        thresholds.store(changed, by, clock.now());
        int judgements = evaluateAll();
        Log.infof("Status thresholds changed to %s by %s; %d judgement(s) changed", changed, by, judgements);
        return thresholds.inForce();
    }

    /** @return how many judgements changed */
    @Transactional
    public int evaluateAll() {
        int changed = 0;
        for (TrackedIndicator indicator : indicators.tracked()) {
            if (evaluate(indicator)) {
                changed++;
            }
        }
        return changed;
    }

    // Observed synchronously: in the transaction that recorded the observations or changed the indicator.
    void onSeriesChanged(@Observes SeriesChanged changed) {
        evaluateSeries(changed.series());
    }

    void onIndicatorChanged(@Observes IndicatorChanged changed) {
        evaluate(changed.indicator());
    }

    /** Judges the indicators fed by these series (indicator ids or metric codes). */
    @Transactional(TxType.MANDATORY)
    public void evaluateSeries(Collection<String> series) {
        for (TrackedIndicator indicator : indicators.tracked()) {
            if (series.contains(indicator.series())) {
                evaluate(indicator);
            }
        }
    }

    /** What the judgement would be now, without storing it. */
    public Judgement judge(TrackedIndicator indicator) {
        return judgeOn(indicator, clock.today());
    }

    /**
     * The judgement as it would have been made on {@code day}: from the values up to that day (as they are stored
     * now, corrections included) and the thresholds in force now. Not stored.
     */
    public Judgement judgeOn(TrackedIndicator indicator, java.time.LocalDate day) {
        Target target = new Target(indicator.kind, indicator.comparison, indicator.targetState, indicator.targetValue,
                indicator.unit, indicator.year);
        Evidence evidence;
        if (indicator.metric != null) {
            evidence = new Evidence(observations.daily(indicator.metric.name(), Area.DISTRICT_CODE, indicator.year),
                    observations.daily(indicator.metric.name(), Area.DISTRICT_CODE, indicator.year - 1), List.of());
        } else {
            List<Point> points = observations.ofYear(indicator.id, Area.DISTRICT_CODE, indicator.year).stream()
                    .map(StatusService::point).toList();
            evidence = new Evidence(List.of(), List.of(), points);
        }
        return StatusEvaluator.judge(target, evidence, day, thresholds.inForce().thresholds());
    }

    /** @return whether the judgement changed (and was published) */
    @Transactional(TxType.MANDATORY)
    public boolean evaluate(TrackedIndicator indicator) {
        if (!indicator.isTracked()) {
            return false;
        }
        // Locked: an import and a catalogue change judging the same indicator at once must not reuse a sequence.
        // Judged only once the lock is held, so that the thresholds read are those committed by then: a
        // threshold change re-judging this indicator meanwhile is not overwritten with the old thresholds.
        IndicatorJudgement stored = IndicatorJudgement.findById(indicator.id, LockModeType.PESSIMISTIC_WRITE);
        Judgement judgement = judge(indicator);
        if (stored != null && stored.sameAs(judgement)) {
            return false;
        }
        IndicatorStatus previous = null;
        if (stored == null) {
            stored = new IndicatorJudgement();
            stored.indicatorId = indicator.id;
            stored.sequence = 0;
        } else {
            previous = stored.status;
        }
        stored.sequence++;
        stored.status = judgement.status();
        stored.valueSoFar = judgement.valueSoFar();
        stored.projectedValue = judgement.projectedValue();
        stored.requiredForRest = judgement.requiredForRest();
        stored.requiredText = judgement.requiredText();
        stored.provisional = judgement.provisional();
        stored.method = judgement.method();
        stored.evaluatedAt = clock.now();
        stored.persist();
        outbox.record(new OutgoingEvent(IndicatorEvents.TOPIC, IndicatorEvents.INDICATOR_STATUS_CHANGED.aggregateType(),
                indicator.id, IndicatorEvents.INDICATOR_STATUS_CHANGED.eventType(), event(indicator, stored, previous)));
        if (previous != stored.status) {
            Log.infof("Indicator %s (%s) is now %s (was %s), sequence %d", indicator.id, indicator.name, stored.status,
                    previous, stored.sequence);
        }
        return true;
    }

    private static IndicatorStatusChanged event(TrackedIndicator indicator, IndicatorJudgement judgement,
            IndicatorStatus previous) {
        return new IndicatorStatusChanged(indicator.id, judgement.sequence, indicator.district, indicator.year,
                indicator.number, indicator.name, indicator.measureId, indicator.kind.name(), indicator.comparison.name(),
                indicator.targetValue, indicator.unit, judgement.status, previous, judgement.valueSoFar,
                judgement.projectedValue, judgement.requiredForRest, judgement.requiredText, indicator.leadDepartments,
                indicator.cooperatingDepartments, judgement.evaluatedAt);
    }

    private static Point point(Observation observation) {
        return new Point(observation.periodStart, observation.value.doubleValue());
    }
}
