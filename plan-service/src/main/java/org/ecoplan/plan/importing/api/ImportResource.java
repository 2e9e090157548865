package org.ecoplan.plan.importing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.UUID;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.plan.importing.ImportRun;
import org.ecoplan.plan.importing.PlanImportService;
import org.ecoplan.plan.importing.api.ImportViews.ImportResult;
import org.ecoplan.web.input.NotBlankWhenPresent;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Load a plan document (the text export of the plan's Word tables) into the catalogue")
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "jwt")
public class ImportResource {

    @Inject
    PlanImportService importer;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(operationId = "importPlanDocument", summary = "Import a plan document (admin)", description = "The body is the document text in the seed's format (TAB-started table cells, UTF-8). All or nothing: a document with problems answers 422 listing each problem with its line, and imports nothing. The same document again answers 200 with outcome UNCHANGED and loads nothing twice. Year and edition are part of a plan's identity: a revised draft loads beside the earlier one when given a new edition.")
    @RequestBody(content = @Content(mediaType = MediaType.TEXT_PLAIN, example = "\n附件1\n\n持续污染防治攻坚2026年行动计划（征求意见稿）\n\n\t序号\n\t重点任务\n…"))
    @APIResponse(responseCode = "201", description = "Imported", content = @Content(schema = @Schema(implementation = ImportResult.class)),
            headers = @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION))
    @APIResponse(responseCode = "200", description = "Already imported; nothing loaded", content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "409", description = "This district, year and edition is loaded with other content")
    @APIResponse(responseCode = "422", description = "The document has problems; nothing imported")
    public Response importDocument(
            @NotBlank(message = "the document is empty / 文档为空") String document,
            @QueryParam("edition") @Size(min = 1, max = 64, message = "must be 1 to 64 characters") @NotBlankWhenPresent @Parameter(description = "Edition when the document names none or to load a revision beside an earlier one", example = "修订稿") String edition,
            @QueryParam("district") @Size(min = 1, max = 64, message = "must be 1 to 64 characters") @NotBlankWhenPresent @Parameter(description = "District when the document names none", example = "延庆区") String district,
            @QueryParam("sourceName") @Size(max = 300, message = "must be at most 300 characters") @NotBlankWhenPresent @Parameter(description = "File name, kept for the record", example = "延庆区2026年行动计划.txt") String sourceName,
            @Context UriInfo uri) {
        ImportResult result = importer.importDocument(document,
                new PlanImportService.ImportRequest(sourceName, district, edition), caller.name());
        if (result.outcome() == ImportRun.Outcome.UNCHANGED) {
            return Response.ok(result).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(result.id().toString()).build()).entity(result)
                .build();
    }

    @GET
    @Operation(operationId = "listImports", summary = "Recent imports (admin)")
    @APIResponse(responseCode = "200", description = "Newest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ImportResult.class)))
    public List<ImportResult> recent(@QueryParam("limit") @DefaultValue("20") @Min(value = 1, message = "must be 1 or more") @Max(value = 200, message = "must be at most 200") int limit) {
        return importer.recent(limit);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport", summary = "One import (admin)")
    @APIResponse(responseCode = "200", description = "The import", content = @Content(schema = @Schema(implementation = ImportResult.class)))
    public ImportResult find(@PathParam("id") UUID id) {
        return importer.find(id);
    }
}
