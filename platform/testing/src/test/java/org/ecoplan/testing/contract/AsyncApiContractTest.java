package org.ecoplan.testing.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class AsyncApiContractTest {

    private static final String STATUS_CHANGED = """
            {"measureId":"a7888568-e2d3-4774-92b9-3cdab2adf303","sequence":1,"planId":"604f4c61-52c5-42c7-9258-0d5f3d11519f",
             "taskId":"0c7d3f1e-5b2a-4e8f-9a6d-1c2b3e4f5a6b","status":"NOT_STARTED","previousStatus":null,"overdue":true,
             "percentComplete":0,"deadline":"2026-06-30","completedOn":null,"completedOnTime":null,"basedOnReportId":null,
             "lastReportedPeriod":null,"changedAt":"2026-06-30T16:05:00Z"}""";

    @Test
    void acceptsAnEventAsTheContractDescribesIt() {
        assertThatCode(() -> AsyncApiContract.check(record("progress.measure-status-changed.v1", STATUS_CHANGED, false)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAPayloadItsSchemaDoesNotAllow() {
        String wrong = STATUS_CHANGED.replace("\"percentComplete\":0", "\"percentComplete\":\"none\"");
        assertThatThrownBy(() -> AsyncApiContract.check(record("progress.measure-status-changed.v1", wrong, false)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("percentComplete");
    }

    @Test
    void refusesAnEventTypeTheTopicDoesNotDocument() {
        assertThatThrownBy(() -> AsyncApiContract.check(record("progress.measure-renamed.v1", STATUS_CHANGED, false)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not document");
    }

    @Test
    void leavesRecordsATestWroteItselfAlone() {
        assertThatCode(() -> AsyncApiContract.check(record("progress.measure-renamed.v1", "not json", true)))
                .doesNotThrowAnyException();
    }

    private static ConsumerRecord<String, String> record(String type, String value, boolean writtenByTest) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes("8d3e0b7c-1f2a-4c5d-9e6f-7a8b9c0d1e2f"));
        headers.add("ce_source", bytes("/ecoplan/progress-service"));
        headers.add("ce_type", bytes(type));
        headers.add("ce_time", bytes("2026-06-30T16:05:00Z"));
        headers.add("content-type", bytes("application/json"));
        if (writtenByTest) {
            headers.add(AsyncApiContract.TEST_WRITTEN_HEADER, bytes("true"));
        }
        return new ConsumerRecord<>("ecoplan.progress", 0, 0L, ConsumerRecord.NO_TIMESTAMP,
                org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE, -1, -1, "a7888568-e2d3-4774-92b9-3cdab2adf303",
                value, headers, java.util.Optional.empty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
