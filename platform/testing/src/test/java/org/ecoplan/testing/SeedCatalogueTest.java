package org.ecoplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedCatalogueTest {

    @Test
    void holdsTheSeedPlansMeasuresAndIndicatorsAsTypedStates() {
        assertThat(SeedCatalogue.measures()).hasSize(212);
        assertThat(SeedCatalogue.indicators()).hasSize(22);
        assertThat(SeedCatalogue.indicator(1).name()).isEqualTo("PM2.5年均浓度");
        assertThat(SeedCatalogue.indicator(1).target()).isEqualTo("26微克/立方米");
        assertThat(SeedCatalogue.measures()).filteredOn(measure -> "WINDOW".equals(measure.deadline().kind()))
                .singleElement()
                .satisfies(window -> assertThat(window.deadline().label()).isEqualTo("6-9月"));
    }
}
