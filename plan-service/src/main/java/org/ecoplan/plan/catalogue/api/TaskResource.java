package org.ecoplan.plan.catalogue.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.plan.catalogue.CatalogueQueryService;
import org.ecoplan.plan.catalogue.api.CatalogueViews.TaskDetail;
import org.ecoplan.web.etag.ETags;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "Key tasks (重点任务)")
@PermitAll
public class TaskResource {

    @Inject
    CatalogueQueryService catalogue;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTask", summary = "A key task with everything about it", description = "Its plan, section, subsection and every measure in document order, with departments, deadlines and the raw cells.")
    @APIResponse(responseCode = "200", description = "The task", content = @Content(schema = @Schema(implementation = TaskDetail.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response task(@PathParam("id") UUID id, @Context Request request) {
        return ETags.conditionalGet(request, catalogue.task(id), mapper);
    }
}
