package org.ecoplan.indicator.observation;

import java.time.LocalDate;
import java.util.Set;

/**
 * Daily values of the air-quality metrics (AQI_DAILY, PM25_DAILY) were recorded or corrected for these areas and days.
 * Fired synchronously inside the recording transaction, so that the air-quality facts published for them go into the
 * outbox with the change itself (the airquality package observes it; observations stay below it).
 */
public record DailyValuesChanged(Set<AreaDay> days) {

    public DailyValuesChanged {
        days = Set.copyOf(days);
    }

    /** One area's day. */
    public record AreaDay(String area, LocalDate date) {
    }
}
