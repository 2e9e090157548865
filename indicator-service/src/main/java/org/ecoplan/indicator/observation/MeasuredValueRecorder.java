package org.ecoplan.indicator.observation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.indicator.tracking.TrackedIndicator;
import org.ecoplan.indicator.tracking.TrackedIndicatorRepository;
import org.ecoplan.progress.contract.MeasuredValue;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;

/**
 * Turns the measured values of an approved progress report into observations (source
 * {@value #SOURCE}) of the measure's confirmed extracted indicators: matched by name, else by unit when
 * only one indicator of the measure has it. Values that match nothing are logged and left out.
 */
@ApplicationScoped
public class MeasuredValueRecorder {

    public static final String SOURCE = "progress-report";

    private final TrackedIndicatorRepository indicators;
    private final ObservationService observations;
    private final BusinessClock clock;

    MeasuredValueRecorder(TrackedIndicatorRepository indicators, ObservationService observations, BusinessClock clock) {
        this.indicators = indicators;
        this.observations = observations;
        this.clock = clock;
    }

    @Transactional(TxType.MANDATORY)
    public void record(ReportEvent report) {
        if (report.measuredValues() == null || report.measuredValues().isEmpty()) {
            return;
        }
        List<TrackedIndicator> confirmed = indicators.confirmedOfMeasure(report.measureId());
        PeriodType.Period period = report.period() != null ? PeriodType.parse(report.period())
                : new PeriodType.Period(PeriodType.DAY, reviewDate(report));
        List<ObservationInput> inputs = new ArrayList<>();
        for (MeasuredValue value : report.measuredValues()) {
            Optional<TrackedIndicator> indicator = match(confirmed, value);
            Optional<Area> area = Area.find(value.area());
            if (indicator.isEmpty() || area.isEmpty() || value.value() == null) {
                Log.warnf("Report %s of measure %s: measured value '%s' %s %s (area %s) matches no confirmed indicator; left out",
                        report.reportId(), report.measureId(), value.name(), value.value(), value.unit(), value.area());
                continue;
            }
            inputs.add(new ObservationInput(indicator.get().series(), area.get().code(), period, value.value(), true, null,
                    SOURCE, report.reportId()));
        }
        if (!inputs.isEmpty()) {
            observations.record(inputs, "report:" + report.reportId());
        }
    }

    private LocalDate reviewDate(ReportEvent report) {
        return report.reviewedAt() == null ? clock.today() : report.reviewedAt().atZone(clock.zone()).toLocalDate();
    }

    private static Optional<TrackedIndicator> match(List<TrackedIndicator> confirmed, MeasuredValue value) {
        String name = value.name() == null ? "" : value.name().strip();
        for (TrackedIndicator indicator : confirmed) {
            if (!name.isEmpty() && (indicator.name.equals(name) || indicator.name.contains(name) || name.contains(indicator.name))) {
                return Optional.of(indicator);
            }
        }
        List<TrackedIndicator> sameUnit = confirmed.stream()
                .filter(indicator -> indicator.unit != null && indicator.unit.equals(value.unit())).toList();
        return sameUnit.size() == 1 ? Optional.of(sameUnit.get(0)) : Optional.empty();
    }
}
