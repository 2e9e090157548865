package org.ecoplan.indicator.observation;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.indicator.targets.Metric;
import org.ecoplan.indicator.tracking.Origin;
import org.ecoplan.indicator.tracking.TrackedIndicator;
import org.ecoplan.indicator.tracking.TrackedIndicatorRepository;

/**
 * Turns what a client names into a series: a daily metric code (PM25_DAILY, AQI_DAILY), an indicator id, or
 * the number of a 附件4 indicator (1-22) of the year the value is for. An air-quality indicator's own values
 * are its metric's daily values.
 */
@ApplicationScoped
public class SeriesResolver {

    private final TrackedIndicatorRepository indicators;

    SeriesResolver(TrackedIndicatorRepository indicators) {
        this.indicators = indicators;
    }

    public Optional<String> resolve(String text, int year) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        Optional<Metric> metric = Metric.fromCode(value);
        if (metric.isPresent()) {
            return Optional.of(metric.get().name());
        }
        TrackedIndicator indicator = null;
        if (value.matches("\\d{1,3}")) {
            indicator = indicators.find("origin = ?1 and number = ?2 and year = ?3 and removed = false", Origin.TABLE,
                    Integer.parseInt(value), year).firstResult();
        } else {
            indicator = indicators.findById(value);
        }
        return Optional.ofNullable(indicator).filter(found -> !found.removed).map(TrackedIndicator::series);
    }
}
