package org.ecoplan.indicator.overview;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.SeedCatalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The seed plan published again as another district's plan (new ids, same structure, departments and groups), as
 * plan-service would publish a second district: a test gets a district of its own whose figures no other test
 * class touches, with the real plan's shape (附件1-3, 各街乡镇 …).
 */
public final class DistrictCopy {

    private static final Set<String> COPIED = Set.of(CatalogueEvents.DOCUMENT.aggregateType(), CatalogueEvents.PLAN.aggregateType(),
            CatalogueEvents.SECTION.aggregateType(), CatalogueEvents.TASK.aggregateType(), CatalogueEvents.MEASURE.aggregateType());
    private static final List<String> REFERENCES = List.of("documentId", "planId", "sectionId", "parentId", "taskId");

    private final String district;
    private final Map<String, String> ids = new HashMap<>();

    private DistrictCopy(String district) {
        this.district = district;
    }

    /** Publishes the copy on the catalogue topic. */
    public static DistrictCopy publish(String district) {
        DistrictCopy copy = new DistrictCopy(district);
        try (EventWriter writer = new EventWriter("/ecoplan/plan-service")) {
            for (SeedCatalogue.Recorded record : SeedCatalogue.records()) {
                if (COPIED.contains(record.aggregateType())) {
                    ObjectNode data = copy.copyOf(record.data().deepCopy());
                    writer.sendJson(UUID.randomUUID(), CatalogueEvents.TOPIC, record.aggregateType(), data.path("id").asText(),
                            record.type(), data.toString());
                }
            }
        }
        return copy;
    }

    String district() {
        return district;
    }

    /** The copy's id of a seed entity. */
    String id(String seedId) {
        return ids.computeIfAbsent(seedId, any -> UUID.randomUUID().toString());
    }

    /** The copy of a seed measure, as published. */
    public MeasureState measure(MeasureState seed) {
        try {
            return EventWriter.JSON.treeToValue(copyOf(EventWriter.JSON.valueToTree(seed)), MeasureState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode copyOf(ObjectNode data) {
        data.put("id", id(data.path("id").asText()));
        for (String reference : REFERENCES) {
            if (data.hasNonNull(reference)) {
                data.put(reference, id(data.path(reference).asText()));
            }
        }
        if (data.has("district")) {
            data.put("district", district);
        }
        return data;
    }
}
