package org.ecoplan.indicator.observation;

import java.util.Set;

/**
 * Observations of these series (indicator ids or metric codes) were recorded or corrected. Fired synchronously,
 * inside the recording transaction, so that the indicators they feed are judged again before it commits: the
 * status package observes it, and the observations stay below the judgement that reads them.
 */
public record SeriesChanged(Set<String> series) {

    public SeriesChanged {
        series = Set.copyOf(series);
    }
}
