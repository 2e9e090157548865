package org.ecoplan.plan.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.catalogue.contract.Lifecycle;
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
 * Only measures of a district's current edition are edited: a candidate's are not published yet (adopt the edition
 * first), a superseded edition is history, a closed measure is no longer tracked.
 */
@ApplicationScoped
@Transactional
public class MeasureEditService {

    private final MeasureRepository measures;
    private final MeasureEditRepository edits;
    private final DepartmentRepository departments;
    private final DepartmentGroupRepository groups;
    private final CataloguePublisher publisher;
    private final ObjectMapper mapper;

    MeasureEditService(MeasureRepository measures, MeasureEditRepository edits, DepartmentRepository departments,
            DepartmentGroupRepository groups, CataloguePublisher publisher, ObjectMapper mapper) {
        this.measures = measures;
        this.edits = edits;
        this.departments = departments;
        this.groups = groups;
        this.publisher = publisher;
        this.mapper = mapper;
    }

    public Measure edit(UUID measureId, long expectedRevision, MeasureChange change, String actor) {
        groups.listWithMembers();
        // Lock the row before reading it: the revision compared with If-Match must be the committed one, and
        // the lock keeps it so until this commit. Locking an entity already read would not re-read it, and
        // two admins with the same ETag could both win.
        if (measures.findById(measureId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw ProblemException.notFound("measure", measureId);
        }
        Measure measure = measures.findForView(measureId).orElseThrow();
        ETags.requireCurrent(expectedRevision, measure.revision);
        if (measure.document.status != EditionStatus.CURRENT || measure.status != Lifecycle.OPEN) {
            throw ProblemException.conflict("the measure belongs to the " + measure.document.edition + " edition, which is "
                    + measure.document.status + (measure.status == Lifecycle.CLOSED ? ", and is closed" : "")
                    + "; only measures of the current edition are edited / 仅可修改现行版本中执行中的措施");
        }
        String before = snapshot(measure);
        List<MeasureAssignment> replacement = change.departments() == null ? null : resolve(change.departments(), measure.document.district);

        if (change.text() != null) {
            measure.text = change.text();
        }
        if (change.deadline() != null) {
            measure.deadlineKind = change.deadline().kind();
            measure.deadlineStart = change.deadline().start();
            measure.deadlineEnd = change.deadline().end();
            measure.deadlineLabel = change.deadline().label();
        }
        if (replacement != null) {
            measure.replaceAssignments(replacement);
        }
        measure.revision++;
        measure.updatedAt = Instant.now();
        measure.updatedBy = actor;
        record(measure, before, change.reason());
        measures.flush();

        publisher.publish(CatalogueStates.of(measure));
        Log.infof("Measure %s edited by %s, now revision %d", measure.id, actor, measure.revision);
        return measure;
    }

    /**
     * Keeps a history row of the measure's change to its current revision: who, when, why, the state before and
     * after. Also called when an adopted edition changes or closes a measure.
     */
    public void record(Measure measure, String before, String reason) {
        MeasureEdit edit = new MeasureEdit();
        edit.measureId = measure.id;
        edit.revision = measure.revision;
        edit.editedAt = measure.updatedAt;
        edit.editedBy = measure.updatedBy;
        edit.reason = reason;
        edit.before = before;
        edit.after = snapshot(measure);
        edits.persist(edit);
    }

    /** The departments and groups named, each of the measure's district (or a department of the city). */
    private List<MeasureAssignment> resolve(List<MeasureChange.Assignment> inputs, String district) {
        List<MeasureAssignment> resolved = new ArrayList<>();
        List<Problem.FieldProblem> unknown = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            MeasureChange.Assignment input = inputs.get(i);
            int index = i;
            if (input.departmentCode() != null) {
                String field = "departments[" + index + "].departmentCode";
                departments.findByCode(input.departmentCode()).ifPresentOrElse(d -> {
                    if (d.servesDistrict(district)) {
                        resolved.add(MeasureAssignment.of(input.role(), d, null));
                    } else {
                        unknown.add(new Problem.FieldProblem(field, "department " + d.code + " (" + d.name + ") belongs to "
                                + d.district + ", the measure to " + district + " / 该部门属于" + d.district + "，措施属于" + district));
                    }
                }, () -> unknown.add(new Problem.FieldProblem(field,
                        "unknown department code " + input.departmentCode() + " / 未知部门")));
            } else {
                String field = "departments[" + index + "].groupCode";
                groups.findByCode(input.groupCode()).ifPresentOrElse(g -> {
                    if (g.district.equals(district)) {
                        resolved.add(MeasureAssignment.of(input.role(), null, g));
                    } else {
                        unknown.add(new Problem.FieldProblem(field, "group " + g.code + " (" + g.name + ") belongs to "
                                + g.district + ", the measure to " + district + " / 该部门组属于" + g.district + "，措施属于" + district));
                    }
                }, () -> unknown.add(new Problem.FieldProblem(field,
                        "unknown group code " + input.groupCode() + " / 未知部门组")));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown departments, or of another district / 部门不存在或不属于本区", unknown);
        }
        return resolved;
    }

    /** What the history keeps of a measure: the fields an administrator can edit, as JSON. */
    public String snapshot(Measure measure) {
        try {
            return mapper.writeValueAsString(MeasureSnapshot.of(measure));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise measure " + measure.id, e);
        }
    }
}
