package org.ecoplan.indicator.observation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.ecoplan.indicator.observation.DailyValuesChanged.AreaDay;
import org.ecoplan.indicator.observation.Observation.ObservationKey;
import org.ecoplan.indicator.targets.Metric;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;

/**
 * Records observed values. A value for a period that already has a different one is a correction: the old
 * row stays as history. The same value again changes nothing, so a re-sent file or event is harmless. The
 * indicators fed by the changed series are judged again in the same transaction.
 */
@ApplicationScoped
public class ObservationService {

    private final ObservationRepository observations;
    private final Event<SeriesChanged> seriesChanged;
    private final Event<DailyValuesChanged> dailyValuesChanged;
    private final BusinessClock clock;

    ObservationService(ObservationRepository observations, Event<SeriesChanged> seriesChanged,
            Event<DailyValuesChanged> dailyValuesChanged, BusinessClock clock) {
        this.observations = observations;
        this.seriesChanged = seriesChanged;
        this.dailyValuesChanged = dailyValuesChanged;
        this.clock = clock;
    }

    @Transactional
    public RecordOutcome record(List<ObservationInput> inputs, String enteredBy) {
        if (inputs.isEmpty()) {
            return new RecordOutcome(0, 0, 0, 0);
        }
        Set<String> series = new LinkedHashSet<>();
        LocalDate from = inputs.get(0).period().start();
        LocalDate to = from;
        for (ObservationInput input : inputs) {
            series.add(input.series());
            from = input.period().start().isBefore(from) ? input.period().start() : from;
            to = input.period().start().isAfter(to) ? input.period().start() : to;
        }
        Map<ObservationKey, Observation> current = new HashMap<>();
        for (Observation observation : observations.current(series, from, to)) {
            current.put(observation.key(), observation);
        }
        Instant now = clock.now();
        int created = 0;
        int corrected = 0;
        int unchanged = 0;
        Set<String> changedSeries = new LinkedHashSet<>();
        Set<AreaDay> changedDays = new LinkedHashSet<>();
        for (ObservationInput input : inputs) {
            ObservationKey key = new ObservationKey(input.series(), input.area(), input.period().type(), input.period().start());
            Observation before = current.get(key);
            if (before != null && before.value.compareTo(input.value()) == 0 && before.valid == input.valid()) {
                unchanged++;
                continue;
            }
            if (before != null) {
                before.current = false;
                before.supersededAt = now;
                // The partial unique index allows one current row per period: retire the old one first.
                observations.flush();
                corrected++;
            } else {
                created++;
            }
            Observation observation = new Observation();
            observation.id = UUID.randomUUID();
            observation.series = input.series();
            observation.area = input.area();
            observation.periodType = input.period().type();
            observation.periodStart = input.period().start();
            observation.value = input.value();
            observation.valid = input.valid();
            observation.hours = input.hours();
            observation.source = input.source();
            observation.sourceRef = input.sourceRef();
            observation.enteredAt = now;
            observation.enteredBy = enteredBy;
            observation.current = true;
            observations.persist(observation);
            current.put(key, observation);
            changedSeries.add(input.series());
            if (input.period().type() == PeriodType.DAY && (Metric.AQI_DAILY.name().equals(input.series())
                    || Metric.PM25_DAILY.name().equals(input.series()))) {
                changedDays.add(new AreaDay(input.area(), input.period().start()));
            }
        }
        observations.flush();
        if (!changedSeries.isEmpty()) {
            // The indicators these series feed are judged again in this transaction (status observes the event).
            seriesChanged.fire(new SeriesChanged(changedSeries));
        }
        if (!changedDays.isEmpty()) {
            // Each changed day's air quality is published whole, in this transaction (through the outbox).
            dailyValuesChanged.fire(new DailyValuesChanged(changedDays));
        }
        Log.infof("Recorded %d observation(s) of %s by %s: %d new, %d corrected, %d unchanged", inputs.size(), series,
                enteredBy, created, corrected, unchanged);
        return new RecordOutcome(inputs.size(), created, corrected, unchanged);
    }
}
