package org.ecoplan.events.consumer.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.events.consumer.DeadLetterService;
import org.ecoplan.events.consumer.DeadLetterStatus;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Shipped by ecoplan-events, so every service that consumes events serves it for its own consumers. */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "jwt")
@Tag(name = "Dead letters", description = "Kafka records this service's consumers could not apply (admin)")
public class DeadLetterResource {

    private final DeadLetterService deadLetters;
    private final Caller caller;

    DeadLetterResource(DeadLetterService deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "Dead letters, newest first",
            description = "Filter by consumer and status; OPEN letters wait for an administrator.")
    @APIResponse(responseCode = "200", description = "A page of dead letters", content = @Content(schema = @Schema(implementation = DeadLetterView.DeadLetterPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter or page")
    public Page<DeadLetterView> list(
            @QueryParam("consumer") @Parameter(description = "Only this consumer's letters", example = "progress-rollups") String consumer,
            @QueryParam("status") @Parameter(description = "OPEN, RESOLVED, DISCARDED or SUPERSEDED", example = "OPEN") String status,
            @Valid @BeanParam PageRequest page) {
        DeadLetterStatus wanted = QueryParameters.enumValue("status", status, DeadLetterStatus.class);
        return deadLetters.list(QueryParameters.text(consumer), wanted, page).map(DeadLetterView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDeadLetter", summary = "One dead letter, with the whole record")
    @APIResponse(responseCode = "200", description = "The dead letter", content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    public DeadLetterView get(@PathParam("id") @Parameter(example = "0d7c2a4e-6a55-4f0f-9d51-3b0e9f2f1c11") String id) {
        UUID letter = id(id);
        return deadLetters.find(letter).map(DeadLetterView::of).orElseThrow(() -> ProblemException.notFound("Dead letter", letter));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(operationId = "retryDeadLetter", summary = "Apply the record again with today's code and data",
            description = "On success the letter is RESOLVED in the same transaction that applies the record. If the record still cannot be applied, 422 says why and the letter stays OPEN.")
    @APIResponse(responseCode = "200", description = "Applied; the letter is resolved", content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    @APIResponse(responseCode = "409", description = "Not open any more, or the consumer was busy: try again")
    @APIResponse(responseCode = "422", description = "The record still cannot be applied")
    public DeadLetterView retry(@PathParam("id") @Parameter(example = "0d7c2a4e-6a55-4f0f-9d51-3b0e9f2f1c11") String id) {
        return DeadLetterView.of(deadLetters.retry(id(id), caller.name()));
    }

    @POST
    @Path("/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "discardDeadLetter", summary = "Mark the letter resolved without applying it, with a reason")
    @APIResponse(responseCode = "200", description = "Discarded", content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "404", description = "No such dead letter")
    @APIResponse(responseCode = "409", description = "Not open any more")
    public DeadLetterView discard(@PathParam("id") @Parameter(example = "0d7c2a4e-6a55-4f0f-9d51-3b0e9f2f1c11") String id,
            @Valid @NotNull(message = "a JSON body is required") DiscardRequest request) {
        return DeadLetterView.of(deadLetters.discard(id(id), request.reason().strip(), caller.name()));
    }

    /** An id that is not a UUID names no letter. */
    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Dead letter", id);
        }
    }
}
