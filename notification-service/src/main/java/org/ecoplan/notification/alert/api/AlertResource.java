package org.ecoplan.notification.alert.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.catalogue.replica.CatalogueNames;
import org.ecoplan.notification.alert.Alert;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.alert.Severity;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
@SecurityRequirement(name = "jwt")
@Tag(name = "Alerts", description = "The log of every alert raised (supervisors, administrators)")
public class AlertResource {

    private final CatalogueNames names;

    AlertResource(CatalogueNames names) {
        this.names = names;
    }

    @GET
    @Operation(operationId = "listAlerts", summary = "List alerts", description = "Newest business date first. Filters combine with AND; each is served by an index.")
    @APIResponse(responseCode = "200", description = "A page of alerts")
    public Page<AlertView> list(
            @QueryParam("rule") @Parameter(description = "Alert rule", example = "OVERDUE") String rule,
            @QueryParam("severity") @Parameter(description = "BLUE, YELLOW, RED or INFO", example = "RED") String severity,
            @QueryParam("subject") @Parameter(description = "Measure, indicator, report or subscription id") String subject,
            @QueryParam("from") @Parameter(description = "Business date on or after", example = "2026-01-01") String from,
            @QueryParam("to") @Parameter(description = "Business date on or before", example = "2026-12-31") String to,
            @Valid @BeanParam PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        AlertRule ruleValue = QueryParameters.enumValue("rule", rule, AlertRule.class);
        if (ruleValue != null) {
            where.append(" and rule = :rule");
            parameters.and("rule", ruleValue);
        }
        Severity severityValue = QueryParameters.enumValue("severity", severity, Severity.class);
        if (severityValue != null) {
            where.append(" and severity = :severity");
            parameters.and("severity", severityValue);
        }
        if (QueryParameters.text(subject) != null) {
            where.append(" and subjectId = :subject");
            parameters.and("subject", subject.trim());
        }
        var fromDate = QueryParameters.date("from", from);
        if (fromDate != null) {
            where.append(" and businessDate >= :from");
            parameters.and("from", fromDate);
        }
        var toDate = QueryParameters.date("to", to);
        if (toDate != null) {
            where.append(" and businessDate <= :to");
            parameters.and("to", toDate);
        }
        var query = Alert.<Alert>find(where.toString(), Sort.descending("businessDate").and("raisedAt", Sort.Direction.Descending)
                .and("id"), parameters);
        Map<String, String> departmentNames = names.departmentNames();
        List<AlertView> items = query.page(page.page, page.size).list().stream()
                .map(alert -> view(alert, departmentNames)).toList();
        return Page.of(items, page, query.count());
    }

    /** @param departmentNames names by code, {@link CatalogueNames#departmentNames()} read once per response */
    public static AlertView view(Alert a, Map<String, String> departmentNames) {
        List<String> departments = a.departments.isEmpty() ? List.of() : Arrays.asList(a.departments.split(","));
        return new AlertView(a.id, a.rule, a.severity, a.subjectType, a.subjectId, a.period, a.planId, a.title, a.reason,
                departments, departments.stream()
                        .map(code -> new AlertView.NamedDepartment(code, departmentNames.getOrDefault(code, code))).toList(),
                a.businessDate, a.raisedAt);
    }
}
