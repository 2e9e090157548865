package org.ecoplan.plan.importing;

import org.ecoplan.plan.catalogue.DeadlineKind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadlineReaderTest {

    @Test
    void datesEndOfYearAndEndOfMonthInThePlanYear() {
        assertEquals(Optional.of(new ParsedDeadline(DeadlineKind.DATE, null, LocalDate.of(2026, 12, 31), "年底前")),
                DeadlineReader.read("年底前", 2026));
        assertEquals(LocalDate.of(2028, 2, 29), DeadlineReader.read("2月底前", 2028).orElseThrow().end());
        assertEquals(LocalDate.of(2026, 6, 30), DeadlineReader.read(" 6月底前 ", 2026).orElseThrow().end());
    }

    @Test
    void readsAMonthWindowFromItsFirstToItsLastDay() {
        assertEquals(Optional.of(new ParsedDeadline(DeadlineKind.WINDOW, LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 9, 30), "6-9月")), DeadlineReader.read("6-9月", 2026));
        assertEquals(LocalDate.of(2026, 3, 1), DeadlineReader.read("3－5月", 2026).orElseThrow().start());
    }

    @Test
    void readsLongTermAndOngoingWithoutDates() {
        assertEquals(Optional.of(new ParsedDeadline(DeadlineKind.ONGOING, null, null, "长期实施")),
                DeadlineReader.read("长期实施", 2026));
        assertEquals(Optional.of(new ParsedDeadline(DeadlineKind.ONGOING, null, null, "持续推进")),
                DeadlineReader.read("持续推进", 0));
    }

    @Test
    void refusesFormsItDoesNotKnow() {
        for (String label : new String[] {"夏季", "13月底前", "9-6月", "0月底前", "年底", "6月15日前", "", "2026年底前"}) {
            assertEquals(Optional.empty(), DeadlineReader.read(label, 2026), label);
        }
        assertEquals(Optional.empty(), DeadlineReader.read("年底前", 0));
    }
}
