package org.ecoplan.progress.ledger.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.ecoplan.progress.ledger.LedgerCsv;
import org.ecoplan.progress.ledger.LedgerService;
import org.ecoplan.progress.ledger.LedgerWorkbook;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/ledger")
@Tag(name = "Ledger", description = "The plan's ledger (台账): every measure of the current plan with its official progress, as a workbook or CSV")
@RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
@SecurityRequirement(name = "jwt")
public class LedgerResource {

    private final LedgerService ledger;

    LedgerResource(LedgerService ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/workbook")
    @Produces(LedgerWorkbook.MEDIA_TYPE)
    @Operation(operationId = "exportLedgerWorkbook", summary = "The ledger as an Excel workbook (台账.xlsx)", description = "One row per open measure of the current editions, in plan order, columns 序号, 重点任务, 工作措施, 完成时限, 牵头部门, 主责单位, 协办单位, 当前进展, 完成率, 状态, 最近报告日期; dates are date cells, 完成率 a percent. `department` keeps the measures naming it (directly or through a group such as 各街乡镇); a reporter gets its own department's. `sheets=lead` adds a sheet per lead department.")
    @APIResponse(responseCode = "200", description = "The workbook", content = @Content(mediaType = LedgerWorkbook.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "A bad filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A reporter asked for another department", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response workbook(
            @QueryParam("department") @Parameter(description = "Department code", example = "ENV") String department,
            @QueryParam("district") @Parameter(description = "District", example = "延庆区") String district,
            @QueryParam("year") @Parameter(description = "Plan year", example = "2026") Integer year,
            @QueryParam("sheets") @DefaultValue("single") @Parameter(description = "`single`, or `lead` for a sheet per lead department as well", example = "lead") String sheets) {
        boolean perLead = switch (sheets) {
            case "single" -> false;
            case "lead" -> true;
            default -> throw org.ecoplan.web.problem.ProblemException.invalidField("sheets", "must be single or lead");
        };
        LedgerService.Ledger result = ledger.ledger(filter(department, district, year));
        return Response.ok(LedgerWorkbook.write(result, perLead), LedgerWorkbook.MEDIA_TYPE)
                .header("Content-Disposition", disposition(result, "xlsx")).build();
    }

    @GET
    @Path("/csv")
    @Produces(LedgerCsv.MEDIA_TYPE + ";charset=UTF-8")
    @Operation(operationId = "exportLedgerCsv", summary = "The ledger as CSV (for machines)", description = "The workbook's rows and Chinese headers, then measureId and stateCode; RFC 4180, UTF-8, ISO dates, 完成率 as an integer percent. Same filters as the workbook.")
    @APIResponse(responseCode = "200", description = "The CSV", content = @Content(mediaType = LedgerCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "A reporter asked for another department", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response csv(
            @QueryParam("department") @Parameter(description = "Department code", example = "ENV") String department,
            @QueryParam("district") @Parameter(description = "District", example = "延庆区") String district,
            @QueryParam("year") @Parameter(description = "Plan year", example = "2026") Integer year) {
        LedgerService.Ledger result = ledger.ledger(filter(department, district, year));
        return Response.ok(LedgerCsv.write(result), LedgerCsv.MEDIA_TYPE + ";charset=UTF-8")
                .header("Content-Disposition", disposition(result, "csv")).build();
    }

    private static LedgerService.Filter filter(String department, String district, Integer year) {
        return new LedgerService.Filter(QueryParameters.text(department), QueryParameters.text(district), year);
    }

    /** 台账-2026-06-15.xlsx (or 台账-ENV-….xlsx), with the RFC 6266 UTF-8 form for the Chinese name. */
    private static String disposition(LedgerService.Ledger ledger, String extension) {
        String name = "台账" + (ledger.filter().departmentCode() == null ? "" : "-" + ledger.filter().departmentCode())
                + "-" + ledger.asOf() + "." + extension;
        return "attachment; filename=\"ledger-" + ledger.asOf() + "." + extension + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
