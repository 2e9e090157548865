package org.ecoplan.indicator.overview.api;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.ecoplan.indicator.overview.Overview;
import org.ecoplan.indicator.overview.OverviewPages.RankingPage;
import org.ecoplan.indicator.overview.OverviewPages.SupervisionPage;
import org.ecoplan.indicator.overview.OverviewScope;
import org.ecoplan.indicator.overview.OverviewService;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/overview")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "District overview", description = "Where the district stands: delivery states per plan, section and department, the supervision list, the department ranking, reporting punctuality, air quality and the town ranking; today or as of a past month's end")
public class OverviewResource {

    private static final String SCOPE = " `district` may be left out while the catalogue holds one district's plans for the year;"
            + " `asOf` is today (default) or the last day of a past month, whose figures later events do not change.";

    private final OverviewService overviews;
    private final ObjectMapper mapper;

    OverviewResource(OverviewService overviews, ObjectMapper mapper) {
        this.overviews = overviews;
        this.mapper = mapper;
    }

    @GET
    @Operation(operationId = "getOverview", summary = "Where the district stands, in one answer",
            description = "Counts per delivery state (as progress-service decided them; measures without a state event yet count as not assessed) for the district, each plan and section; the supervision list's first entries (overdue and behind pace, worst first); the worst departments; reporting punctuality; PM2.5, good-days and heavy-days indicators with what the rest of the year must do; every 附件4 indicator; the month's PM2.5 ranking of the 18 subdistricts and towns; a Chinese summary. Weak ETag."
                    + SCOPE)
    @APIResponse(responseCode = "200", description = "The overview", content = @Content(schema = @Schema(implementation = Overview.class)))
    @APIResponse(responseCode = "400", description = "Bad district, year, edition or asOf", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan for that district and year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response overview(@BeanParam ScopeParameters scope, @Context Request request) {
        return ETags.conditionalGet(request, overviews.overview(scope(scope)), mapper);
    }

    @GET
    @Path("/supervision-list")
    @Operation(operationId = "listSupervisionMeasures", summary = "The supervision (督办) list",
            description = "Measures in the given delivery states (default overdue and behind pace) with task (附件N 第M项 and its title), measure text, lead and responsible departments by name, deadline, days late, pace gap and the last approved report. Paged; every filter is served by an index. Weak ETag."
                    + SCOPE)
    @APIResponse(responseCode = "200", description = "A page of measures", content = @Content(schema = @Schema(implementation = SupervisionPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan for that district and year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response supervisionList(@BeanParam ScopeParameters scope,
            @QueryParam("state") @Parameter(description = "Comma-separated delivery states (NOT_DUE, ON_TRACK, BEHIND_PACE, AT_RISK, OVERDUE, COMPLETED_ON_TIME, COMPLETED_LATE, UNKNOWN) or NOT_ASSESSED; default OVERDUE,BEHIND_PACE", example = "OVERDUE") String state,
            @QueryParam("plan") @Parameter(description = "A plan's id or its attachment number", example = "1") String plan,
            @QueryParam("section") @Parameter(description = "A section's id: the section and its subsections") String section,
            @QueryParam("department") @Parameter(description = "A department or group code: measures it holds in `role`, directly or through a group", example = "ENV") String department,
            @QueryParam("role") @Parameter(description = "LEAD, RESPONSIBLE or ASSISTING (needs department); default lead or responsible", example = "LEAD") String role,
            @QueryParam("sort") @Parameter(description = "SEVERITY (default: overdue first, then days late, then pace gap), DAYS_LATE, PACE_GAP, DEADLINE or TASK; then document order", example = "SEVERITY") String sort,
            @BeanParam @Valid PageRequest page, @Context Request request) {
        List<String> states = state == null || state.isBlank() ? null
                : Arrays.stream(state.split(",")).map(String::strip).filter(value -> !value.isEmpty()).map(String::toUpperCase).toList();
        return ETags.conditionalGet(request, overviews.supervisionList(scope(scope), states, QueryParameters.text(plan),
                QueryParameters.text(section), QueryParameters.text(department), upper(role), upper(sort), page), mapper);
    }

    @GET
    @Path("/department-ranking")
    @Operation(operationId = "listDepartmentRanking", summary = "Departments ranked, worst first",
            description = "Departments named directly as lead or responsible, and groups (各街乡镇) that lead or are responsible as a whole, ranked on those measures only: what a department holds through a group and what it assists are shown apart and never ranked, so 18 towns do not tie for one measure given to all of them. Sorted by OVERDUE (default), BEHIND_PACE, COMPLETION (lowest completion rate first) or PUNCTUALITY (lowest share of monthly reports in by the 5th first); equal figures share a rank. Paged. Weak ETag."
                    + SCOPE)
    @APIResponse(responseCode = "200", description = "A page of the ranking", content = @Content(schema = @Schema(implementation = RankingPage.class)))
    @APIResponse(responseCode = "400", description = "Bad sort or kind", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan for that district and year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ranking(@BeanParam ScopeParameters scope,
            @QueryParam("sort") @Parameter(description = "OVERDUE, BEHIND_PACE, COMPLETION or PUNCTUALITY", example = "OVERDUE") String sort,
            @QueryParam("kind") @Parameter(description = "DEPARTMENT or GROUP; default both", example = "DEPARTMENT") String kind,
            @BeanParam @Valid PageRequest page, @Context Request request) {
        return ETags.conditionalGet(request, overviews.ranking(scope(scope), upper(sort), upper(kind), page), mapper);
    }

    private OverviewScope scope(ScopeParameters parameters) {
        return overviews.scope(QueryParameters.text(parameters.district), year(parameters.year),
                QueryParameters.text(parameters.edition), QueryParameters.date("asOf", parameters.asOf));
    }

    private static Integer year(String value) {
        String text = QueryParameters.text(value);
        if (text == null) {
            return null;
        }
        try {
            int year = Integer.parseInt(text);
            if (year >= 2000 && year <= 2100) {
                return year;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw org.ecoplan.web.problem.ProblemException.invalidField("year", "must be a plan year such as 2026 / 年份无效");
    }

    private static String upper(String value) {
        String text = QueryParameters.text(value);
        return text == null ? null : text.toUpperCase();
    }

    /** What every overview read is about. */
    public static class ScopeParameters {

        @QueryParam("district")
        @Parameter(description = "District (区), as the plan names it", example = "延庆区")
        public String district;

        @QueryParam("year")
        @Parameter(description = "Plan year; default the year of asOf", example = "2026", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER))
        public String year;

        @QueryParam("edition")
        @Parameter(description = "Plan document edition; default the latest imported", example = "征求意见稿")
        public String edition;

        @QueryParam("asOf")
        @Parameter(description = "Today (default) or the last day of a past month", example = "2026-05-31")
        public String asOf;
    }
}
