package org.ecoplan.progress.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class DeliveryAssessmentTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void aStateANewerProducerKnowsReadsAsUnknownAndKeepsItsName() throws Exception {
        DeliveryAssessment read = mapper.readValue("""
                {"state":"SUSPENDED","stateName":"暂停实施","assessedOn":"2026-07-01"}""", DeliveryAssessment.class);
        assertThat(read.state()).isEqualTo(DeliveryState.UNKNOWN);
        assertThat(read.stateName()).isEqualTo("暂停实施");
    }

    @Test
    void travelsWithItsChineseNameAndDatesAsIsoText() throws Exception {
        var overdue = DeliveryAssessment.of(DeliveryState.OVERDUE, LocalDate.of(2026, 7, 3), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 6, 30), 100, 100, LocalDate.of(2026, 7, 1), 3);
        String json = mapper.writeValueAsString(overdue);
        assertThat(json).contains("\"stateName\":\"已逾期\"").contains("\"overdueSince\":[2026,7,1]")
                .doesNotContain("daysLateOn");
        assertThat(mapper.readValue(json, DeliveryAssessment.class)).isEqualTo(overdue);
    }

    @Test
    void daysLateOnALaterDayCountFromTheFirstOverdueDay() {
        var overdue = DeliveryAssessment.of(DeliveryState.OVERDUE, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 6, 30), 100, 100, LocalDate.of(2026, 7, 1), 1);
        assertThat(overdue.daysLateOn(LocalDate.of(2026, 7, 1))).isEqualTo(1);
        assertThat(overdue.daysLateOn(LocalDate.of(2026, 7, 15))).isEqualTo(15);
        var late = DeliveryAssessment.of(DeliveryState.COMPLETED_LATE, LocalDate.of(2026, 8, 1), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 6, 30), 100, 0, LocalDate.of(2026, 7, 1), 10);
        assertThat(late.daysLateOn(LocalDate.of(2026, 12, 1))).isEqualTo(10);
        var onTrack = DeliveryAssessment.of(DeliveryState.ON_TRACK, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 6, 30), 33, 3, null, null);
        assertThat(onTrack.daysLateOn(LocalDate.of(2026, 3, 5))).isNull();
    }

    @Test
    void everyStateAndReportStatusHasAChineseName() {
        for (DeliveryState state : DeliveryState.values()) {
            assertThat(state.chineseName()).isNotBlank().doesNotContainPattern("[A-Za-z]");
        }
        for (ReportStatus status : ReportStatus.values()) {
            assertThat(status.chineseName()).isNotBlank().doesNotContainPattern("[A-Za-z]");
        }
    }
}
