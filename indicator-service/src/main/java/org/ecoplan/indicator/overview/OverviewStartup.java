package org.ecoplan.indicator.overview;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** At start: copy whatever the catalogue replica holds and the overview's tables do not (e.g. after an upgrade). */
@ApplicationScoped
class OverviewStartup {

    private final MeasureIndex index;

    OverviewStartup(MeasureIndex index) {
        this.index = index;
    }

    void onStart(@Observes StartupEvent start) {
        try {
            index.catchUp();
        } catch (RuntimeException e) {
            // The service still serves; the next catalogue events and the next start repair it.
            Log.errorf(e, "Copying the catalogue replica's measures for the overview at start failed");
        }
    }
}
