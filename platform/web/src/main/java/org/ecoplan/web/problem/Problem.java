package org.ecoplan.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. Every 4xx/5xx answer of every EcoPlan service has this body with media type
 * {@code application/problem+json}, so clients parse one shape whatever went wrong.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(example = "https://ecoplan.example/problems/validation") URI type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "deadline.end must not be before deadline.start / 截止日期不能早于开始日期") String detail,
        @Schema(example = "/measures/0b6f0c2e-8f4f-4b57-9c1f-2d0c5f0e9a11") String instance,
        @Schema(description = "One entry per offending field") List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending input field, named by its JSON path (e.g. {@code departments[2].code}) or query parameter. */
    @Schema(name = "FieldProblem")
    public record FieldProblem(
            @Schema(example = "deadline.end") String field,
            @Schema(example = "must not be before deadline.start") String message) {
    }
}
