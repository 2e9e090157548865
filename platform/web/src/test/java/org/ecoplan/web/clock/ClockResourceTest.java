package org.ecoplan.web.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;

import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;
import org.junit.jupiter.api.Test;

/** The clock endpoint exists in every service; where the clock is not adjustable it answers 404 to everyone. */
class ClockResourceTest {

    private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

    @Test
    void isNotFoundWhereTheClockIsNotAdjustable() {
        ClockResource resource = new ClockResource(new BusinessClock(DISTRICT, false));
        for (Runnable call : new Runnable[] { resource::get, resource::reset,
                () -> resource.set(new ClockResource.SetClock(LocalDate.of(2026, 7, 1), 9)) }) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class,
                    problem -> assertThat(problem.type()).isEqualTo(ProblemType.NOT_FOUND));
        }
    }

    @Test
    void setsTheDistrictsDateAndHourWhereItIs() {
        BusinessClock clock = new BusinessClock(DISTRICT, true);
        ClockResource.ClockView view = new ClockResource(clock).set(new ClockResource.SetClock(LocalDate.of(2026, 7, 1), 1));
        assertThat(view.today()).isEqualTo(LocalDate.of(2026, 7, 1));
        // 01:00 in Asia/Shanghai is still 30 June in UTC: the business date is the district's.
        assertThat(view.now().toString()).isEqualTo("2026-06-30T17:00:00Z");
        assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 7, 1));
    }
}
