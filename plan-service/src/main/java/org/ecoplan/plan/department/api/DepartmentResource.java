package org.ecoplan.plan.department.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.plan.catalogue.DepartmentService;
import org.ecoplan.plan.catalogue.GroupMembershipService;
import org.ecoplan.plan.department.DepartmentKind;
import org.ecoplan.plan.department.api.DepartmentViews.DepartmentDetail;
import org.ecoplan.plan.department.api.DepartmentViews.DepartmentPage;
import org.ecoplan.plan.department.api.DepartmentViews.DepartmentSummary;
import org.ecoplan.plan.department.api.DepartmentViews.GroupMembersRequest;
import org.ecoplan.plan.department.api.DepartmentViews.GroupPage;
import org.ecoplan.plan.department.api.DepartmentViews.GroupView;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.input.Years;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Departments", description = "The department registry, groups, and each department's measures by role")
@PermitAll
public class DepartmentResource {

    private final DepartmentService departments;
    private final GroupMembershipService membership;
    private final Caller caller;
    private final ObjectMapper mapper;

    DepartmentResource(DepartmentService departments, GroupMembershipService membership, Caller caller,
            ObjectMapper mapper) {
        this.departments = departments;
        this.membership = membership;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @Path("departments")
    @Operation(operationId = "listDepartments", summary = "List departments", description = "The registry in code order, one page at a time like every list: each department with its stable code, its district and how many measures it leads, is responsible for or assists (a group such as 各街乡镇 counts for its members). Every district has its own departments (延庆区's 区生态环境局 is ENV, 密云区's MY-ENV); ask for one district to read its registry and the city's departments its plans name. Weak ETag.")
    @APIResponse(responseCode = "200", description = "A page of departments", content = @Content(schema = @Schema(implementation = DepartmentPage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "400", description = "Bad kind or page", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @QueryParam("kind") @Parameter(description = "DISTRICT_AGENCY, CITY_BRANCH, SUBDISTRICT, TOWN, TOWNSHIP or OTHER") String kind,
            @QueryParam("district") @Parameter(description = "This district's departments (and the city's), measures counted in its plans only", example = "延庆区") String district,
            @QueryParam("year") @Min(value = Years.MIN, message = Years.MESSAGE) @Max(value = Years.MAX, message = Years.MESSAGE) @Parameter(description = "Count measures of this plan year only", example = "2026") Integer year,
            @Valid @BeanParam PageRequest page, @Context Request request) {
        return ETags.conditionalGet(request, departments.list(QueryParameters.enumValue("kind", kind, DepartmentKind.class),
                QueryParameters.text(district), year, page).map(DepartmentSummary::of), mapper);
    }

    @GET
    @Path("departments/{code}")
    @Operation(operationId = "getDepartment", summary = "A department with its measures", description = "The measures it leads, is responsible for and assists, directly or through a group it belongs to, in document order.")
    @APIResponse(responseCode = "200", description = "The department", content = @Content(schema = @Schema(implementation = DepartmentDetail.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response detail(@PathParam("code") @Parameter(example = "ENV") String code,
            @QueryParam("district") @Parameter(description = "Only this district's plans", example = "延庆区") String district,
            @QueryParam("year") @Min(value = Years.MIN, message = Years.MESSAGE) @Max(value = Years.MAX, message = Years.MESSAGE) @Parameter(description = "Plan year", example = "2026") Integer year,
            @Context Request request) {
        return ETags.conditionalGet(request, DepartmentDetail.of(departments.detail(code, QueryParameters.text(district), year)),
                mapper);
    }

    @GET
    @Path("department-groups/{code}")
    @Operation(operationId = "getDepartmentGroup", summary = "One department group", description = "The ETag is the group's revision: send it back in If-Match to change the members.")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(schema = @Schema(implementation = GroupView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response group(@PathParam("code") @Parameter(example = "CONCERNED-TOWNS") String code, @Context Request request) {
        GroupView group = GroupView.of(departments.group(code));
        return ETags.conditionalGet(request, ETags.ofRevision(group.revision()), group);
    }

    @PUT
    @Path("department-groups/{code}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "replaceDepartmentGroupMembers", summary = "Name a group's members (admin)", description = "Replaces the member list, e.g. which towns 相关乡镇 means. Requires If-Match with the group's ETag. Every measure and indicator that names the group is republished with the new members (plan.measure-changed.v1 …), so filters by department and every service's copy follow.")
    @APIResponse(responseCode = "200", description = "The group with its new members", content = @Content(schema = @Schema(implementation = GroupView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "422", description = "Unknown department code")
    public Response replaceMembers(@PathParam("code") String code,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"1\"") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") GroupMembersRequest body) {
        long expected = ETags.requiredRevision(ifMatch);
        GroupView group = GroupView.of(membership.replaceMembers(code, expected, body.memberCodes(), caller.name()));
        return Response.ok(group).tag(ETags.ofRevision(group.revision())).build();
    }

    @GET
    @Path("department-groups")
    @Operation(operationId = "listDepartmentGroups", summary = "List department groups", description = "Groups named in the plan (各街乡镇, 各乡镇, 相关乡镇, 有关部门 …) with their members, in code order, paged like every list. Every district has its own groups. Weak ETag.")
    @APIResponse(responseCode = "200", description = "A page of groups", content = @Content(schema = @Schema(implementation = GroupPage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "400", description = "Bad page", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response groups(
            @QueryParam("district") @Parameter(description = "This district's groups only", example = "延庆区") String district,
            @Valid @BeanParam PageRequest page, @Context Request request) {
        return ETags.conditionalGet(request, departments.groups(QueryParameters.text(district), page).map(GroupView::of), mapper);
    }
}
