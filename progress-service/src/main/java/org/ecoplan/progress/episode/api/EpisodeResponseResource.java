package org.ecoplan.progress.episode.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.progress.episode.EpisodeResponse;
import org.ecoplan.progress.episode.EpisodeResponseService;
import org.ecoplan.progress.episode.api.EpisodeResponseViews.BatchItem;
import org.ecoplan.progress.episode.api.EpisodeResponseViews.BatchItemResult;
import org.ecoplan.progress.episode.api.EpisodeResponseViews.BatchRequest;
import org.ecoplan.progress.episode.api.EpisodeResponseViews.BatchResult;
import org.ecoplan.progress.episode.api.EpisodeResponseViews.ResponseView;
import org.ecoplan.progress.idempotency.IdempotentRequests;
import org.ecoplan.progress.idempotency.OfflineBatch;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/episodes/{episodeId}/responses")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Episode responses", description = "Heavy-pollution episodes: every member unit's daily response (每日应对情况), filed from a phone like a progress report")
public class EpisodeResponseResource {

    static final String EXAMPLE = "{\"day\":\"2026-12-03\",\"quantities\":[{\"name\":\"检查工地数\",\"value\":35},{\"name\":\"停工工地数\",\"value\":28}],\"narrative\":\"出动检查人员42人次，检查工地35个，其中停工28个。\",\"clientTimestamp\":\"2026-12-03T10:40:00Z\"}";

    private final EpisodeResponseService responses;
    private final IdempotentRequests idempotency;
    private final OfflineBatch batch;
    private final ObjectMapper mapper;

    EpisodeResponseResource(EpisodeResponseService responses, IdempotentRequests idempotency, OfflineBatch batch,
            ObjectMapper mapper) {
        this.responses = responses;
        this.idempotency = idempotency;
        this.batch = batch;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "fileEpisodeResponse", summary = "File a unit's daily response (reporter)", description = "One response per member unit and day of the episode (409 for a second: correct the first with PUT). The caller's department (token claim `department`) must be a member unit of the episode; `day` a day from the episode's start to its lifting (or today), by the business calendar; each quantity a report item of the unit's duties. Refused with 422 naming the field (`departmentCode`, `day`, `quantities[i].name`), nothing written. Send an `Idempotency-Key`: a retry with the same key and body answers the original (`Idempotent-Replayed: true`). Publishes episode.response-submitted.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeResponseRequest.class),
            examples = @ExampleObject(name = "区住房城乡建设委, day 1", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Filed (or, with Idempotent-Replayed, filed by the first send)", content = @Content(schema = @Schema(implementation = ResponseView.class)),
            headers = { @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION), @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG) })
    @APIResponse(responseCode = "403", description = "The body names another department than the caller's")
    @APIResponse(responseCode = "404", description = "This service knows no such episode")
    @APIResponse(responseCode = "409", description = "The unit already reported this day")
    @APIResponse(responseCode = "422", description = "Not a member unit, not a day of the episode, a quantity its duties do not ask for, or an Idempotency-Key reused with another body")
    public Response file(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Unique per request; reuse it only to retry", example = "phone-7f3a-000201") String idempotencyKey,
            @Valid @NotNull(message = "a JSON body is required") EpisodeResponseRequest body) {
        return idempotency.execute(idempotencyKey, "POST /episodes/" + episodeId + "/responses", body,
                () -> created(responses.file(episodeId, body.toFiling())));
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "syncEpisodeResponses", summary = "Sync an offline queue of daily responses (reporter)", description = "Files up to 100 responses in one call and answers per item, in order. Each item's `clientReference` is its idempotency key (per caller): re-sending the batch after a lost answer files nothing twice (200 with `replayed: true` and the original). Each item is its own transaction; a refused item (4xx with a problem naming the field) leaves the others alone.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "two days offline", value = "{\"items\":[{\"clientReference\":\"phone-7f3a-000201\",\"response\":" + EXAMPLE + "}]}")))
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "The batch itself is malformed (not the items)")
    public BatchResult batch(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @Valid @NotNull(message = "a JSON body is required") BatchRequest body) {
        return new BatchResult(batch.file(body.items(), "POST /episodes/" + episodeId + "/responses",
                "/episodes/" + episodeId + "/responses/batch",
                new OfflineBatch.Items<>("response", BatchItem::clientReference, BatchItem::response, response -> { },
                        response -> created(responses.file(episodeId, response.toFiling()))),
                BatchItemResult::new));
    }

    @GET
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "listEpisodeResponses", summary = "The episode's daily responses", description = "By day, then unit. Reporters see their own department's responses only. Weak ETag; If-None-Match gives 304.")
    @APIResponse(responseCode = "200", description = "The responses", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ResponseView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "403", description = "A reporter asked for another department")
    @APIResponse(responseCode = "404", description = "This service knows no such episode")
    public Response list(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @QueryParam("day") @Parameter(description = "Only this day", example = "2026-12-03") String day,
            @QueryParam("department") @Size(max = 64, message = "must be at most 64 characters") @Parameter(description = "Only this unit", example = "HOUSING") String department,
            @Context Request request) {
        List<ResponseView> views = responses.list(episodeId, QueryParameters.date("day", day), QueryParameters.text(department)).stream()
                .map(ResponseView::of).toList();
        return ETags.conditionalGet(request, views, mapper);
    }

    @GET
    @Path("/{responseId}")
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "getEpisodeResponse", summary = "One daily response", description = "The ETag is its revision: send it in If-Match to correct it.")
    @APIResponse(responseCode = "200", description = "The response", content = @Content(schema = @Schema(implementation = ResponseView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "403", description = "Another department's response")
    @APIResponse(responseCode = "404", description = "No such response in this episode")
    public Response get(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @PathParam("responseId") UUID responseId, @Context Request request) {
        EpisodeResponse response = responses.get(episodeId, responseId);
        return ETags.conditionalGet(request, ETags.ofRevision(response.revision), ResponseView.of(response));
    }

    @PUT
    @Path("/{responseId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "correctEpisodeResponse", summary = "Correct a daily response (reporter)", description = "Replaces its quantities and narrative. Requires If-Match with the ETag last read: a stale one gets 412 and changes nothing, a missing one 428. The unit and the day cannot change (422). Whether the day was reported on time stays judged on the first filing. Publishes episode.response-submitted.v1 with the next revision.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EpisodeResponseRequest.class),
            examples = @ExampleObject(name = "corrected counts", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The corrected response with its new ETag", content = @Content(schema = @Schema(implementation = ResponseView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "403", description = "Another department's response")
    @APIResponse(responseCode = "404", description = "No such response in this episode")
    @APIResponse(responseCode = "422", description = "The unit or day changed, or a quantity the unit's duties do not ask for")
    public Response correct(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @PathParam("responseId") UUID responseId,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"1\"") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") EpisodeResponseRequest body) {
        long expected = ETags.requiredRevision(ifMatch);
        EpisodeResponse response = responses.correct(episodeId, responseId, expected, body.toFiling());
        return Response.ok(ResponseView.of(response)).tag(ETags.ofRevision(response.revision)).build();
    }

    private static Response created(EpisodeResponse response) {
        return Response.created(URI.create("/episodes/" + response.episodeId + "/responses/" + response.id))
                .entity(ResponseView.of(response)).tag(ETags.ofRevision(response.revision)).build();
    }
}
