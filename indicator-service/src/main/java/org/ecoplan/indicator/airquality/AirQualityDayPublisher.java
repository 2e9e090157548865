package org.ecoplan.indicator.airquality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.indicator.contract.AirQualityDayChanged;
import org.ecoplan.indicator.contract.AqiLevel;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.indicator.observation.DailyValuesChanged;
import org.ecoplan.indicator.observation.DailyValuesChanged.AreaDay;
import org.ecoplan.indicator.observation.Observation;
import org.ecoplan.indicator.observation.ObservationRepository;
import org.ecoplan.indicator.targets.Metric;

/**
 * Publishes each changed day's air quality of an area, whole (AQI and PM2.5 as they stand now), on the indicator topic
 * through the outbox, in the transaction that recorded the values: other services learn the district's daily air
 * quality from this fact alone (notification-service's episode assessment), never by calling this service. The
 * revision is the number of values ever entered for the area and day, so it grows with every change and a consumer
 * keeps the latest.
 */
@ApplicationScoped
public class AirQualityDayPublisher {

    private static final List<String> SERIES = List.of(Metric.AQI_DAILY.name(), Metric.PM25_DAILY.name());

    private final ObservationRepository observations;
    private final EventOutbox outbox;

    AirQualityDayPublisher(ObservationRepository observations, EventOutbox outbox) {
        this.observations = observations;
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    void onDailyValuesChanged(@Observes DailyValuesChanged changed) {
        Set<String> areas = changed.days().stream().map(AreaDay::area).collect(Collectors.toSet());
        LocalDate from = changed.days().stream().map(AreaDay::date).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = changed.days().stream().map(AreaDay::date).max(LocalDate::compareTo).orElseThrow();
        Map<AreaDay, List<Observation>> byDay = new LinkedHashMap<>();
        for (Observation observation : observations.dailyHistory(SERIES, areas, from, to)) {
            byDay.computeIfAbsent(new AreaDay(observation.area, observation.periodStart), day -> new ArrayList<>()).add(observation);
        }
        List<OutgoingEvent> events = new ArrayList<>();
        changed.days().stream().sorted((a, b) -> a.date().equals(b.date()) ? a.area().compareTo(b.area()) : a.date().compareTo(b.date()))
                .forEach(day -> {
                    List<Observation> values = byDay.getOrDefault(day, List.of());
                    AirQualityDayChanged event = event(day, values);
                    events.add(new OutgoingEvent(IndicatorEvents.TOPIC, IndicatorEvents.AIR_QUALITY_DAY_CHANGED.aggregateType(),
                            day.area() + "/" + day.date(), IndicatorEvents.AIR_QUALITY_DAY_CHANGED.eventType(), event));
                });
        outbox.recordAll(events);
    }

    private static AirQualityDayChanged event(AreaDay day, List<Observation> values) {
        Observation aqi = current(values, Metric.AQI_DAILY);
        Observation pm25 = current(values, Metric.PM25_DAILY);
        Area area = Area.find(day.area()).orElse(new Area(day.area(), day.area(), "UNKNOWN"));
        AqiLevel level = aqi == null ? null : AqiLevel.of(aqi.value);
        Instant changedAt = values.stream().map(value -> value.enteredAt).max(Instant::compareTo).orElse(null);
        return new AirQualityDayChanged(area.code(), area.name(), area.kind(), day.date(), values.size(),
                aqi == null ? null : aqi.value, aqi == null ? null : aqi.valid, level, aqi != null && aqi.valid && level.heavy(),
                pm25 == null ? null : pm25.value, pm25 == null ? null : pm25.valid, changedAt);
    }

    private static Observation current(List<Observation> values, Metric metric) {
        return values.stream().filter(value -> value.current && metric.name().equals(value.series)).findFirst().orElse(null);
    }
}
