package org.ecoplan.indicator.scorecard.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.indicator.contract.ScopeType;
import org.ecoplan.indicator.rollup.Rollup;
import org.ecoplan.indicator.rollup.StateCountsView;
import org.ecoplan.indicator.rollup.api.RollupView;
import org.ecoplan.indicator.status.api.IndicatorQueryService;
import org.ecoplan.indicator.status.api.IndicatorViews.IndicatorView;
import org.ecoplan.indicator.tracking.TrackedIndicatorRepository;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.replica.MeasureProgress;
import org.ecoplan.progress.replica.ProgressReplica;
import org.ecoplan.web.problem.ProblemException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/departments")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Department scorecard", description = "One department's measures and indicators on one page")
public class DepartmentScorecardResource {

    private final CatalogueReplica catalogue;
    private final TrackedIndicatorRepository indicators;
    private final IndicatorQueryService indicatorViews;
    private final ObjectMapper mapper;
    private final ProgressReplica progressReplica;

    DepartmentScorecardResource(CatalogueReplica catalogue, TrackedIndicatorRepository indicators,
            IndicatorQueryService indicatorViews, ObjectMapper mapper, ProgressReplica progressReplica) {
        this.progressReplica = progressReplica;
        this.catalogue = catalogue;
        this.indicators = indicators;
        this.indicatorViews = indicatorViews;
        this.mapper = mapper;
    }

    @Schema(name = "ScorecardMeasure")
    public record MeasureLine(String measureId, @Schema(example = "1") int planAttachment,
            @Schema(example = "附件1 第3项") String task, int taskNumber, int position, String text,
            @Schema(description = "The department's roles on the measure", example = "[\"LEAD\"]") List<String> roles,
            @Schema(nullable = true, description = "The group through which it holds its roles (e.g. ALL-SUBDISTRICTS-TOWNS), null when named directly") String viaGroup,
            @Schema(nullable = true, example = "年底前") String deadline,
            @Schema(nullable = true, description = "Official report status (latest approved report)", example = "ON_TRACK") String status,
            @Schema(description = "Delivery state as progress-service decided it; NOT_ASSESSED without a state event yet", example = "BEHIND_PACE") String deliveryState,
            @Schema(example = "滞后于序时进度") String deliveryStateName, @Schema(example = "false") boolean overdue,
            @Schema(nullable = true) Integer daysLate, @Schema(nullable = true) Integer paceGap, @Schema(nullable = true) Boolean completedOnTime,
            @Schema(nullable = true) String lastReportedPeriod) {
    }

    @Schema(name = "DepartmentScorecard")
    public record Scorecard(@Schema(example = "ENV") String department, @Schema(example = "区生态环境局") String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true, description = "What it leads or is responsible for (directly or through a group such as 各街乡镇)") RollupView delivery,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true, description = "What it only assists with, counted apart") RollupView assisting,
            List<IndicatorView> indicators, List<MeasureLine> measures) {
    }

    @GET
    @Path("/{code}/scorecard")
    @Operation(operationId = "getDepartmentScorecard", summary = "Department scorecard", description = "Its delivery roll-up (what it leads or is responsible for, directly or through a group such as 各街乡镇, counted once per member) and apart from it what it only assists; its measures in document order with their official status and the delivery state progress-service decided; and the indicators it leads or co-operates on with status and projection.")
    @APIResponse(responseCode = "200", description = "The scorecard", content = @Content(schema = @Schema(implementation = Scorecard.class)))
    @APIResponse(responseCode = "404", description = "Unknown department")
    public Scorecard scorecard(@PathParam("code") @Parameter(example = "ENV") String code) {
        DepartmentState department = catalogue.findContaining(CatalogueEvents.DEPARTMENT.aggregateType(), Map.of("code", code))
                .stream().map(json -> state(json, DepartmentState.class)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Department", code));
        List<MeasureState> ofDepartment = measuresOf(code);
        Map<String, MeasureProgress> progress = new HashMap<>();
        // One query with the ids as one array parameter: a department of a city-wide catalogue holds thousands of
        // measures (as a Hibernate IN list, the scorecard of ENV over 50 districts did not answer in 10 minutes).
        progressReplica.findAll(ofDepartment.stream().map(MeasureState::id).toList())
                .forEach(row -> progress.put(row.measureId(), row));
        Map<String, Integer> attachments = new HashMap<>();
        catalogue.all(PlanState.class).forEach(plan -> attachments.put(plan.id(), plan.attachment()));
        List<MeasureLine> measures = new ArrayList<>();
        for (MeasureState measure : ofDepartment) {
            List<Assignment> own = measure.assignments().stream().filter(assignment -> assignment.names(code)).toList();
            List<String> roles = own.stream().map(Assignment::role).distinct().toList();
            if (roles.isEmpty()) {
                continue;
            }
            String viaGroup = own.stream().anyMatch(assignment -> code.equals(assignment.departmentCode())) ? null
                    : own.get(0).groupCode();
            MeasureProgress row = progress.get(measure.id());
            DeliveryState state = row == null ? null : row.deliveryState();
            int attachment = attachments.getOrDefault(measure.planId(), 0);
            measures.add(new MeasureLine(measure.id(), attachment, "附件" + attachment + " 第" + measure.taskNumber() + "项",
                    measure.taskNumber(), measure.position(), measure.text(), roles, viaGroup,
                    measure.deadline() == null ? null : measure.deadline().label(),
                    row == null ? "NOT_STARTED" : row.status().name(),
                    state == null ? StateCountsView.NOT_ASSESSED : state.name(),
                    state == null ? StateCountsView.NOT_ASSESSED_NAME : state.chineseName(), state == DeliveryState.OVERDUE,
                    row == null || row.delivery() == null ? null : row.delivery().daysLate(),
                    row == null || row.delivery() == null ? null : row.delivery().paceGap(),
                    row == null ? null : row.completedOnTime(), row == null ? null : row.lastReportedPeriod()));
        }
        measures.sort(Comparator.comparingInt(MeasureLine::planAttachment).thenComparingInt(MeasureLine::taskNumber)
                .thenComparingInt(MeasureLine::position));
        Rollup delivery = Rollup.findById(new Rollup.Key(ScopeType.DEPARTMENT, code));
        Rollup assisting = Rollup.findById(new Rollup.Key(ScopeType.DEPARTMENT_ASSISTING, code));
        return new Scorecard(code, department.name(), delivery == null ? null : RollupView.of(delivery),
                assisting == null ? null : RollupView.of(assisting), indicatorViews.views(indicators.ofDepartment(code)), measures);
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
