package org.ecoplan.indicator.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;

import org.ecoplan.catalogue.contract.IndicatorState;
import org.ecoplan.testing.SeedCatalogue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The 22 targets of 附件4 as plan-service publishes them for the seed document. */
class TargetParserSeedTest {

    private final TargetParser parser = new TargetParser();

    @ParameterizedTest(name = "{0}: {5} {1} {2} {3} {4}")
    @CsvSource(nullValues = "-", value = {
            "1, SET, AT_MOST, 26, 微克/立方米, ANNUAL_MEAN_CONCENTRATION, PM25_DAILY",
            "2, SET, AT_LEAST, 80, %, RATIO_OF_DAYS, AQI_DAILY",
            "3, SET, AT_MOST, 3, 天, COUNT_OF_DAYS, AQI_DAILY",
            "4, PENDING, AT_LEAST, -, -, SHARE, -",
            "5, SET, AT_LEAST, 100, %, SHARE, -",
            "6, SET, AT_LEAST, 100, %, SHARE, -",
            "7, PENDING, AT_LEAST, -, -, CUMULATIVE_AMOUNT, -",
            "8, PENDING, AT_LEAST, -, -, CUMULATIVE_AMOUNT, -",
            "9, PENDING, AT_LEAST, -, -, CUMULATIVE_AMOUNT, -",
            "10, PENDING, AT_LEAST, -, -, CUMULATIVE_AMOUNT, -",
            "11, SET, EXACTLY, 0, %, SHARE, -",
            "12, PENDING, AT_LEAST, -, -, SHARE, -",
            "13, SET, AT_LEAST, 35, %, SHARE, -",
            "14, SET, AT_LEAST, 30, %, SHARE, -",
            "15, SET, AT_LEAST, 3, 家, CUMULATIVE_COUNT, -",
            "16, SET, AT_LEAST, 55, %, SHARE, -",
            "17, SET, AT_LEAST, 5, 家, CUMULATIVE_COUNT, -",
            "18, SET, AT_LEAST, 25, 家, CUMULATIVE_COUNT, -",
            "19, SET, AT_MOST, 2, %, SHARE, -",
            "20, SET, AT_LEAST, 2, 块, CUMULATIVE_COUNT, -",
            "21, SET, AT_LEAST, 1, 块, CUMULATIVE_COUNT, -",
            "22, SET, AT_LEAST, 8, 个, CUMULATIVE_COUNT, -"})
    void parsesEverySeedTargetWithItsComparisonAndKind(int number, TargetState state, Comparison comparison,
            BigDecimal value, String unit, QuantityKind kind, Metric metric) {
        IndicatorState indicator = SeedCatalogue.indicator(number);
        ParsedTarget target = parser.parse(indicator.name(), indicator.target());
        assertEquals(state, target.state(), "state");
        assertEquals(comparison, target.comparison(), "comparison");
        assertEquals(kind, target.kind(), "kind");
        assertEquals(metric, target.metric(), "metric");
        assertEquals(unit, target.unit(), "unit");
        if (value == null) {
            assertNull(target.value());
        } else {
            assertEquals(0, value.compareTo(target.value()), "value " + target.value());
        }
    }

    @Test
    void theSeedHasTwentyTwoIndicators() {
        List<IndicatorState> indicators = SeedCatalogue.indicators();
        assertEquals(22, indicators.size());
    }

    @Test
    void readsComparisonWordsInTheTargetText() {
        assertEquals(Comparison.AT_MOST, parser.parse("城镇供水管网漏损率", "8%以内").comparison());
        assertEquals(Comparison.AT_LEAST, parser.parse("污水处理率", "98%以上").comparison());
        assertEquals(TargetState.UNREADABLE, parser.parse("某指标", "大幅提升").state());
    }
}
