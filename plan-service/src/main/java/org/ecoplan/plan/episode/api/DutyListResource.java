package org.ecoplan.plan.episode.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.ArrayList;
import java.util.List;
import org.ecoplan.plan.episode.DutyListService;
import org.ecoplan.plan.episode.DutyListImports;
import org.ecoplan.plan.episode.DutyRow;
import org.ecoplan.plan.episode.api.EpisodeViews.DutyEntry;
import org.ecoplan.plan.episode.api.EpisodeViews.DutyListRequest;
import org.ecoplan.plan.episode.api.EpisodeViews.DutyListView;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.problem.ProblemException;
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

@Path("/duty-lists")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Episodes")
@PermitAll
public class DutyListResource {

    private static final String DESCRIPTION = " All or nothing: every row is checked (a department that is not in the registry, or not a member of 区空气重污染应急指挥部成员单位 — name them first with PUT /department-groups/AIR-EMERGENCY-HQ-MEMBERS/members —, an unknown level, an empty action, a duplicate) and any problem answers 422 listing each with its row, importing nothing. Otherwise the list becomes the next version; episodes activated or changed from then on use it. A unit's duties at a level are the rows of that level and of every lower one.";

    private final DutyListService duties;
    private final Caller caller;

    DutyListResource(DutyListService duties, Caller caller) {
        this.duties = duties;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "importDutyList", summary = "Import the duty list (应急减排清单) as JSON (admin)", description = "The whole list; errors name `duties[i].field`." + DESCRIPTION)
    @APIResponse(responseCode = "201", description = "The new version", content = @Content(schema = @Schema(implementation = DutyListView.class)),
            headers = {@Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION), @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG)})
    @APIResponse(responseCode = "422", description = "Rows with problems; nothing imported")
    public Response importJson(@Valid @NotNull(message = "a JSON body is required") DutyListRequest body) {
        List<DutyRow> rows = new ArrayList<>();
        for (int i = 0; i < body.duties().size(); i++) {
            DutyEntry entry = body.duties().get(i);
            rows.add(new DutyRow("duties[" + i + "].", false, entry.departmentCode(), entry.level().name(), entry.action(),
                    entry.reportItems()));
        }
        return created(DutyListView.of(duties.importList(rows, Boolean.TRUE.equals(body.example()), body.source(), caller.name())));
    }

    @POST
    @Path("/csv")
    @Consumes("text/csv")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "importDutyListCsv", summary = "Import the duty list (应急减排清单) as CSV (admin)", description = "RFC 4180 CSV in UTF-8 with a header row: department (code or Chinese name), level (BLUE/YELLOW/ORANGE/RED or 蓝色/黄色/橙色/红色), action, reportItems (separated by ; or ；); errors name `line N column`." + DESCRIPTION)
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            example = "department,level,action,reportItems\nHOUSING,ORANGE,停止土石方作业,检查工地数;停工工地数\n"))
    @APIResponse(responseCode = "201", description = "The new version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DutyListView.class)),
            headers = {@Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION), @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG)})
    @APIResponse(responseCode = "422", description = "Rows with problems; nothing imported")
    public Response importCsv(@jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String contentType,
            byte[] csv,
            @QueryParam("example") @jakarta.ws.rs.DefaultValue("false") @Parameter(description = "True for an example list, not the district's adopted one") boolean example,
            @QueryParam("source") @Size(max = 300, message = "must be at most 300 characters") @Parameter(description = "Where the list comes from, kept for the record", example = "应急减排清单.csv") String source) {
        requireUtf8(contentType);
        if (csv == null || csv.length == 0) {
            throw ProblemException.invalidField("body", "the file is empty / 文件为空");
        }
        DutyListImports.Parsed parsed = DutyListImports.csv(csv);
        if (!parsed.errors().isEmpty()) {
            throw ProblemException.unprocessable("%d problem(s) in the file; nothing was imported / 文件有误，未导入"
                    .formatted(parsed.errors().size()), parsed.errors());
        }
        return created(DutyListView.of(duties.importList(parsed.rows(), example, source, caller.name())));
    }

    @GET
    @Path("/current")
    @Operation(operationId = "getCurrentDutyList", summary = "The current duty list", description = "The latest version; 404 before any list was imported. The ETag is the version.")
    @APIResponse(responseCode = "200", description = "The list", content = @Content(schema = @Schema(implementation = DutyListView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "404", description = "No duty list was imported yet")
    public Response current(@Context Request request) {
        DutyListView list = duties.current().map(DutyListView::of).orElseThrow(() -> ProblemException.notFound("duty list", "current"));
        return ETags.conditionalGet(request, ETags.ofRevision(list.version()), list);
    }

    @GET
    @Path("/{version}")
    @Operation(operationId = "getDutyList", summary = "One version of the duty list")
    @APIResponse(responseCode = "200", description = "The list", content = @Content(schema = @Schema(implementation = DutyListView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response version(@PathParam("version") int version, @Context Request request) {
        DutyListView list = DutyListView.of(duties.version(version));
        return ETags.conditionalGet(request, ETags.ofRevision(list.version()), list);
    }

    /** The file is read as UTF-8 only: a request naming another charset is refused rather than read as something else. */
    private static void requireUtf8(String contentType) {
        if (contentType == null) {
            return;
        }
        String charset = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.strip().replace("\"", "").equalsIgnoreCase("UTF-8")) {
            throw ProblemException.invalidField("Content-Type", "charset " + charset
                    + " is not read; send the file as UTF-8 (text/csv; charset=UTF-8) / 仅支持UTF-8编码");
        }
    }

    private static Response created(DutyListView list) {
        return Response.created(UriBuilder.fromPath("/duty-lists/{version}").build(list.version())).entity(list)
                .tag(ETags.ofRevision(list.version())).build();
    }
}
