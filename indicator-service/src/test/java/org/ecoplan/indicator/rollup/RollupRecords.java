package org.ecoplan.indicator.rollup;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.RollupChanged;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.EventWriter;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Reading indicator-service's roll-up events off {@code ecoplan.indicator} in the roll-up tests. */
final class RollupRecords {

    private RollupRecords() {
    }

    static boolean isRollupChanged(ConsumerRecord<String, String> record) {
        return EventReader.header(record, "ce_type").orElse("").equals(IndicatorEvents.ROLLUP_CHANGED.eventType());
    }

    static RollupChanged rollupOf(ConsumerRecord<String, String> record) {
        try {
            return EventWriter.JSON.readValue(record.value(), RollupChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
