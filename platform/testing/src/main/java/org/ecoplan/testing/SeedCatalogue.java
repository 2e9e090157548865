package org.ecoplan.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.IndicatorState;
import org.ecoplan.catalogue.contract.MeasureState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The catalogue plan-service publishes for the seed document (Yanqing 2026: 212 measures, 22 indicators,
 * 48 departments, 7 groups), recorded once from the real topic into {@code seed-catalogue.jsonl}. Services
 * that consume the catalogue test against the real plan rather than hand-made records, without starting
 * plan-service. Re-record it after a change of the catalogue contract or of the parser (see the README).
 */
public final class SeedCatalogue {

    private static final String RESOURCE = "/org/ecoplan/testing/seed-catalogue.jsonl";
    private static final List<Recorded> RECORDS = load();
    private static boolean published;

    private SeedCatalogue() {
    }

    /**
     * Publishes the whole seed catalogue to the test broker's {@code ecoplan.plan} topic, once per JVM (the
     * broker lives as long as the JVM). Consumers keep the highest revision, so a second publication would
     * change nothing anyway.
     */
    public static synchronized void publishOnce() {
        if (published) {
            return;
        }
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            for (Recorded record : RECORDS) {
                writer.sendJson(UUID.randomUUID(), CatalogueEvents.TOPIC, record.aggregateType(), record.key(),
                        record.type(), record.data().toString());
            }
        }
        published = true;
    }

    public static List<Recorded> records() {
        return RECORDS;
    }

    public static List<MeasureState> measures() {
        return states(CatalogueEvents.MEASURE, MeasureState.class);
    }

    public static MeasureState measure(Predicate<MeasureState> matching) {
        return measures().stream().filter(matching).findFirst()
                .orElseThrow(() -> new AssertionError("No seed measure matches"));
    }

    public static List<IndicatorState> indicators() {
        return states(CatalogueEvents.INDICATOR, IndicatorState.class);
    }

    /** @param number 序号 in 附件4, 1-22 */
    public static IndicatorState indicator(int number) {
        return indicators().stream().filter(indicator -> indicator.number() == number).findFirst()
                .orElseThrow(() -> new AssertionError("No seed indicator " + number));
    }

    private static <S> List<S> states(CatalogueEvents kind, Class<S> type) {
        List<S> states = new ArrayList<>();
        for (Recorded record : RECORDS) {
            if (record.aggregateType().equals(kind.aggregateType())) {
                try {
                    states.add(EventWriter.JSON.treeToValue(record.data(), type));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("Recorded " + kind + " " + record.key() + " does not fit " + type, e);
                }
            }
        }
        return states;
    }

    private static List<Recorded> load() {
        var stream = SeedCatalogue.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("Missing " + RESOURCE);
        }
        List<Recorded> records = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    records.add(EventWriter.JSON.readValue(line, Recorded.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return List.copyOf(records);
    }

    /** One catalogue event as plan-service published it. */
    public record Recorded(String aggregateType, String type, String key, JsonNode data) {
    }
}
