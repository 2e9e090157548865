package org.ecoplan.plan.episode.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ecoplan.plan.episode.EpisodeService;
import org.ecoplan.plan.episode.LevelChangeRequest;
import org.ecoplan.plan.episode.LiftRequest;
import org.ecoplan.plan.episode.ActivateRequest;
import org.ecoplan.plan.episode.api.EpisodeViews.EpisodePage;
import org.ecoplan.plan.episode.api.EpisodeViews.EpisodeView;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/episodes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Episodes", description = "Heavy-pollution warnings (重污染天气预警) and the district's response: level, history, each member unit's duties")
@PermitAll
public class EpisodeResource {

    private final EpisodeService episodes;
    private final Caller caller;
    private final ObjectMapper mapper;

    EpisodeResource(EpisodeService episodes, Caller caller, ObjectMapper mapper) {
        this.episodes = episodes;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "activateEpisode", summary = "Activate a warning (admin, integrator)", description = "Entered by an administrator or the city's system. Publishes episode.activated.v1 with every member unit of 区空气重污染应急指挥部成员单位 and its duties at the level (the current duty list), in the same transaction. expectedEndAt must be after startsAt (400 naming it); an unknown level or issuer is a 400 naming the field; nothing is written then.")
    @APIResponse(responseCode = "201", description = "Activated", content = @Content(schema = @Schema(implementation = EpisodeView.class)),
            headers = {@Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION), @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG)})
    @APIResponse(responseCode = "409", description = "Another episode is still active: change its level or lift it")
    public Response activate(@Valid @NotNull(message = "a JSON body is required") ActivateRequest body, @Context UriInfo uri) {
        EpisodeView episode = EpisodeView.of(episodes.activate(body, caller.name()));
        return Response.created(uri.getAbsolutePathBuilder().path(episode.id().toString()).build()).entity(episode)
                .tag(ETags.ofRevision(episode.revision())).build();
    }

    @GET
    @Operation(operationId = "listEpisodes", summary = "List episodes", description = "Newest start first, with their history and current duties. Weak ETag.")
    @APIResponse(responseCode = "200", description = "A page of episodes", content = @Content(schema = @Schema(implementation = EpisodePage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response list(@Valid @BeanParam PageRequest page, @Context Request request) {
        return ETags.conditionalGet(request, EpisodePage.of(episodes.list(page)), mapper);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEpisode", summary = "One episode", description = "Its level, history and every member unit's duties at the current level. The ETag is the revision: send it in If-Match to change the level or lift it.")
    @APIResponse(responseCode = "200", description = "The episode", content = @Content(schema = @Schema(implementation = EpisodeView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response get(@PathParam("id") UUID id, @Context Request request) {
        EpisodeView episode = EpisodeView.of(episodes.get(id));
        return ETags.conditionalGet(request, ETags.ofRevision(episode.revision()), episode);
    }

    @POST
    @Path("/{id}/level")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "changeEpisodeLevel", summary = "Upgrade or downgrade the warning (admin, integrator)", description = "Requires If-Match. Publishes episode.level-changed.v1 with the members' duties at the new level.")
    @APIResponse(responseCode = "200", description = "The episode at its new level", content = @Content(schema = @Schema(implementation = EpisodeView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "409", description = "The episode was lifted")
    public Response changeLevel(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"1\"") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") LevelChangeRequest body) {
        long expected = ETags.requiredRevision(ifMatch);
        EpisodeView episode = EpisodeView.of(episodes.changeLevel(id, expected, body, caller.name()));
        return Response.ok(episode).tag(ETags.ofRevision(episode.revision())).build();
    }

    @POST
    @Path("/{id}/lift")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "liftEpisode", summary = "Lift the warning (admin, integrator)", description = "Requires If-Match. Publishes episode.lifted.v1: the duty to respond and report ends.")
    @APIResponse(responseCode = "200", description = "The lifted episode", content = @Content(schema = @Schema(implementation = EpisodeView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "409", description = "The episode was lifted already")
    public Response lift(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"2\"") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") LiftRequest body) {
        long expected = ETags.requiredRevision(ifMatch);
        EpisodeView episode = EpisodeView.of(episodes.lift(id, expected, body, caller.name()));
        return Response.ok(episode).tag(ETags.ofRevision(episode.revision())).build();
    }
}
