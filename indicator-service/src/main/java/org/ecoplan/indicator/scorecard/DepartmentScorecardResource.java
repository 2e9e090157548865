package org.ecoplan.indicator.scorecard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.indicator.rollup.MeasureProgress;
import org.ecoplan.indicator.rollup.Rollup;
import org.ecoplan.indicator.rollup.ScopeType;
import org.ecoplan.indicator.rollup.api.RollupView;
import org.ecoplan.indicator.tracking.Departments;
import org.ecoplan.indicator.tracking.IndicatorService;
import org.ecoplan.indicator.tracking.TrackedIndicatorRepository;
import org.ecoplan.indicator.tracking.api.IndicatorViews.IndicatorView;
import org.ecoplan.web.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/departments")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Department scorecard", description = "One department's measures and indicators on one page")
public class DepartmentScorecardResource {

    @Inject
    CatalogueReplica catalogue;

    @Inject
    TrackedIndicatorRepository indicators;

    @Inject
    IndicatorService indicatorViews;

    @Inject
    ObjectMapper mapper;

    @Schema(name = "ScorecardMeasure")
    public record MeasureLine(String measureId, int taskNumber, int position, String text, List<String> roles,
            @Schema(nullable = true) String deadline, @Schema(nullable = true, example = "ON_TRACK") String status, boolean overdue, @Schema(nullable = true) Boolean completedOnTime,
            @Schema(nullable = true) String lastReportedPeriod) {
    }

    @Schema(name = "DepartmentScorecard")
    public record Scorecard(@Schema(example = "ENV") String department, @Schema(example = "区生态环境局") String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) RollupView delivery, List<IndicatorView> indicators, List<MeasureLine> measures) {
    }

    @GET
    @Path("/{code}/scorecard")
    @Operation(operationId = "getDepartmentScorecard", summary = "Department scorecard", description = "Delivery roll-up, the department's measures (any role; groups such as 各街乡镇 expanded) with their official status, and the indicators it leads or co-operates on with status and projection.")
    @APIResponse(responseCode = "200", description = "The scorecard", content = @Content(schema = @Schema(implementation = Scorecard.class)))
    @APIResponse(responseCode = "404", description = "Unknown department")
    public Scorecard scorecard(@PathParam("code") @Parameter(example = "ENV") String code) {
        DepartmentState department = catalogue.findContaining(CatalogueEvents.DEPARTMENT.aggregateType(), Map.of("code", code))
                .stream().map(json -> state(json, DepartmentState.class)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Department", code));
        List<MeasureState> ofDepartment = measuresOf(code);
        Map<String, MeasureProgress> progress = new HashMap<>();
        if (!ofDepartment.isEmpty()) {
            MeasureProgress.<MeasureProgress>list("measureId in ?1", ofDepartment.stream().map(MeasureState::id).toList())
                    .forEach(row -> progress.put(row.measureId, row));
        }
        List<MeasureLine> measures = new ArrayList<>();
        for (MeasureState measure : ofDepartment) {
            List<String> roles = measure.assignments().stream()
                    .filter(assignment -> Departments.codes(List.of(assignment)).contains(code))
                    .map(assignment -> assignment.role()).distinct().toList();
            if (roles.isEmpty()) {
                continue;
            }
            MeasureProgress row = progress.get(measure.id());
            measures.add(new MeasureLine(measure.id(), measure.taskNumber(), measure.position(), measure.text(), roles,
                    measure.deadline() == null ? null : measure.deadline().label(),
                    row == null ? "NOT_STARTED" : row.status.name(), row != null && row.overdue,
                    row == null ? null : row.completedOnTime, row == null ? null : row.lastReportedPeriod));
        }
        measures.sort((a, b) -> a.taskNumber() != b.taskNumber() ? Integer.compare(a.taskNumber(), b.taskNumber())
                : Integer.compare(a.position(), b.position()));
        Rollup rollup = Rollup.findById(new Rollup.Key(ScopeType.DEPARTMENT, code));
        return new Scorecard(code, department.name(), rollup == null ? null : RollupView.of(rollup),
                indicatorViews.views(indicators.ofDepartment(code)), measures);
    }

    /**
     * The department's measures, named directly or as a member of a group (各街乡镇): two JSON containment
     * look-ups served by the replica's GIN index, instead of reading the whole catalogue for one department.
     */
    private List<MeasureState> measuresOf(String code) {
        String measure = CatalogueEvents.MEASURE.aggregateType();
        Map<String, MeasureState> found = new LinkedHashMap<>();
        for (Map<String, Object> assignment : List.<Map<String, Object>>of(Map.of("departmentCode", code),
                Map.of("memberCodes", List.of(code)))) {
            catalogue.findContaining(measure, Map.of("assignments", List.of(assignment)))
                    .forEach(json -> found.putIfAbsent(json.path("id").asText(), state(json, MeasureState.class)));
        }
        return List.copyOf(found.values());
    }

    private <T> T state(JsonNode json, Class<T> type) {
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Replicated " + json.path("id") + " cannot be read as " + type.getSimpleName(), e);
        }
    }
}
