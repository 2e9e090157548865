package org.ecoplan.plan.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureView;
import org.ecoplan.plan.catalogue.api.CatalogueViewMapper;
import org.ecoplan.plan.catalogue.api.MeasureEditRequest;
import org.ecoplan.plan.catalogue.events.CatalogueStates;
import org.ecoplan.plan.catalogue.events.CataloguePublisher;
import org.ecoplan.plan.department.DepartmentGroupRepository;
import org.ecoplan.plan.department.DepartmentRepository;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;

/**
 * Administrator edits of a measure: optimistic concurrency on the revision the client last read, a history
 * row with the state before and after, and the measure's new state in the outbox, all in one transaction.
 */
@ApplicationScoped
@Transactional
public class MeasureEditService {

    @Inject
    MeasureRepository measures;

    @Inject
    DepartmentRepository departments;

    @Inject
    DepartmentGroupRepository groups;

    @Inject
    CataloguePublisher publisher;

    @Inject
    ObjectMapper mapper;

    public MeasureView edit(UUID measureId, long expectedRevision, MeasureEditRequest request, String actor) {
        groups.listWithMembers();
        // Lock the row before reading it: the revision compared with If-Match must be the committed one, and
        // the lock keeps it so until this commit. Locking an entity already read would not re-read it, and
        // two admins with the same ETag could both win.
        if (measures.findById(measureId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw ProblemException.notFound("measure", measureId);
        }
        Measure measure = measures.findForView(measureId).orElseThrow();
        ETags.requireCurrent(expectedRevision, measure.revision);
        String before = snapshot(measure);
        List<MeasureAssignment> replacement = request.departments() == null ? null : resolve(request.departments());

        if (request.text() != null) {
            measure.text = request.text();
        }
        if (request.deadline() != null) {
            measure.deadlineKind = request.deadline().kind();
            measure.deadlineStart = request.deadline().start();
            measure.deadlineEnd = request.deadline().end();
            measure.deadlineLabel = request.deadline().label();
        }
        if (replacement != null) {
            measure.replaceAssignments(replacement);
        }
        measure.revision++;
        measure.updatedAt = Instant.now();
        measure.updatedBy = actor;

        MeasureEdit edit = new MeasureEdit();
        edit.measureId = measure.id;
        edit.revision = measure.revision;
        edit.editedAt = measure.updatedAt;
        edit.editedBy = actor;
        edit.reason = request.reason();
        edit.before = before;
        edit.after = snapshot(measure);
        edit.persist();
        measures.flush();

        publisher.publish(CatalogueStates.of(measure));
        Log.infof("Measure %s edited by %s, now revision %d", measure.id, actor, measure.revision);
        return CatalogueViewMapper.detail(measure);
    }

    private List<MeasureAssignment> resolve(List<MeasureEditRequest.AssignmentInput> inputs) {
        List<MeasureAssignment> resolved = new ArrayList<>();
        List<Problem.FieldProblem> unknown = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            MeasureEditRequest.AssignmentInput input = inputs.get(i);
            if (input.departmentCode() != null) {
                int index = i;
                departments.findByCode(input.departmentCode()).ifPresentOrElse(
                        d -> resolved.add(MeasureAssignment.of(input.role(), d, null)),
                        () -> unknown.add(new Problem.FieldProblem("departments[" + index + "].departmentCode",
                                "unknown department code " + input.departmentCode() + " / 未知部门")));
            } else {
                int index = i;
                groups.findByCode(input.groupCode()).ifPresentOrElse(
                        g -> resolved.add(MeasureAssignment.of(input.role(), null, g)),
                        () -> unknown.add(new Problem.FieldProblem("departments[" + index + "].groupCode",
                                "unknown group code " + input.groupCode() + " / 未知部门组")));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown departments / 部门不存在", unknown);
        }
        return resolved;
    }

    /** What the history keeps of a measure: the fields an administrator can edit. */
    private String snapshot(Measure measure) {
        try {
            return mapper.writeValueAsString(new EditableState(measure.text, CatalogueViewMapper.deadline(measure),
                    CatalogueViewMapper.roles(measure.assignments)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise measure " + measure.id, e);
        }
    }

    record EditableState(String text, Object deadline, Object departments) {
    }
}
