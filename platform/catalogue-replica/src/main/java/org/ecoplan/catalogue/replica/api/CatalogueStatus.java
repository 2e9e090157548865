package org.ecoplan.catalogue.replica.api;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How much of the plan catalogue this service holds, and how fresh it is")
public record CatalogueStatus(
        @Schema(description = "Number of entities per aggregate type, e.g. {\"measure\": 120}")
        Map<String, Long> entities,
        @Schema(nullable = true, description = "When the last catalogue change arrived; absent while the copy is empty")
        Instant lastUpdatedAt) {
}
