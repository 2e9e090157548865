package org.ecoplan.indicator.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecoplan.indicator.tracking.IndicatorCatalogueSync;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * At start: derive targets for whatever the catalogue replica already holds (e.g. filled by an earlier
 * version), then judge everything and compute the roll-ups, so that a fresh deployment on an existing
 * database answers at once instead of after the next catalogue change or the nightly job.
 */
@ApplicationScoped
public class StartupCatchUp {

    private final IndicatorCatalogueSync catalogue;
    private final Reevaluation reevaluation;

    StartupCatchUp(IndicatorCatalogueSync catalogue, Reevaluation reevaluation) {
        this.catalogue = catalogue;
        this.reevaluation = reevaluation;
    }

    void onStart(@Observes StartupEvent start) {
        try {
            catalogue.catchUp();
            reevaluation.run();
        } catch (RuntimeException e) {
            // The service still serves and consumes; the nightly job and the next events repair it.
            Log.errorf(e, "Catching up with the catalogue replica at start failed");
        }
    }
}
