package org.ecoplan.progress.episode.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.progress.episode.EpisodeResponse;
import org.ecoplan.web.problem.Problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** The REST bodies of daily responses: records built from the entity. */
public final class EpisodeResponseViews {

    private EpisodeResponseViews() {
    }

    @Schema(name = "EpisodeResponse", description = "A member unit's response for one day of a heavy-pollution episode")
    public record ResponseView(
            UUID id,
            @Schema(description = "1 when filed, +1 per correction; the ETag to send in If-Match", example = "1") long revision,
            @Schema(example = "3f1c9a62-5d1e-4c1b-9a57-2f6e1b0c8d44") String episodeId,
            @Schema(example = "HOUSING") String departmentCode,
            @Schema(example = "区住房城乡建设委") String departmentName,
            @Schema(example = "2026-12-03") LocalDate day,
            @Schema(description = "The warning level when it was first filed", example = "ORANGE") String level,
            List<QuantityView> quantities,
            @Schema(example = "出动检查人员42人次，检查工地35个，其中停工28个。") String narrative,
            @Schema(example = "li.qiang") String reporter,
            @Schema(nullable = true) Instant clientTimestamp,
            @Schema(description = "Server time of the first filing") Instant firstSubmittedAt,
            @Schema(description = "Server time of this revision") Instant submittedAt,
            @Schema(description = "Photos attached (GET …/evidence)", example = "2") int evidenceCount) {

        public static ResponseView of(EpisodeResponse response) {
            return new ResponseView(response.id, response.revision, response.episodeId, response.departmentCode,
                    response.departmentName, response.day, response.level,
                    response.quantities.stream().map(q -> new QuantityView(q.name(), q.value())).toList(), response.narrative,
                    response.reporter, response.clientTimestamp, response.firstSubmittedAt, response.submittedAt,
                    response.evidenceCount);
        }
    }

    @Schema(name = "EpisodeQuantity", description = "A reported quantity")
    public record QuantityView(@Schema(example = "停工工地数") String name, @Schema(example = "28") BigDecimal value) {
    }

    @Schema(name = "EpisodeResponseBatchRequest", description = "A phone's offline queue of daily responses, each with the client's own reference")
    public record BatchRequest(
            @NotNull(message = "is required") @Size(min = 1, max = 100, message = "must hold 1 to 100 items") List<BatchItem> items) {
    }

    @Schema(name = "EpisodeResponseBatchItem")
    public record BatchItem(
            @Schema(description = "Unique per caller: the item's Idempotency-Key, so re-sending the batch files nothing twice", example = "phone-7f3a-000201")
            String clientReference,
            EpisodeResponseRequest response) {
    }

    @Schema(name = "EpisodeResponseBatchResult", description = "One answer per item, in the order sent")
    public record BatchResult(List<BatchItemResult> items) {
    }

    @Schema(name = "EpisodeResponseBatchItemResult", description = "status 201: filed; 200 with replayed: filed by an earlier send; 4xx: see problem, nothing was written for this item")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchItemResult(
            @Schema(example = "phone-7f3a-000201") String clientReference,
            @Schema(example = "201") int status,
            @Schema(nullable = true) Boolean replayed,
            @JsonRawValue @Schema(nullable = true, allOf = ResponseView.class, description = "The response, for 201 and 200") String response,
            @Schema(nullable = true) Problem problem) {
    }
}
