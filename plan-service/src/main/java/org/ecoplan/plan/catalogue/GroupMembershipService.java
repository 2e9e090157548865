package org.ecoplan.plan.catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.CatalogueState;
import org.ecoplan.plan.catalogue.events.CataloguePublisher;
import org.ecoplan.plan.catalogue.events.CatalogueStates;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;
import org.ecoplan.plan.department.DepartmentGroupRepository;
import org.ecoplan.plan.department.DepartmentRepository;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;

import io.quarkus.logging.Log;

/**
 * Administrators name the members of a group the document left open (相关乡镇, 有关部门 …) or correct a
 * fixed one. Measures and indicators publish their departments with the group's members expanded, so
 * each one that names the group is republished with a new revision in the same transaction: a consumer
 * that rebuilds from the topic sees the new members everywhere.
 */
@ApplicationScoped
@Transactional
public class GroupMembershipService {

    private final DepartmentGroupRepository groups;
    private final DepartmentRepository departments;
    private final MeasureRepository measures;
    private final IndicatorRepository indicators;
    private final CataloguePublisher publisher;

    GroupMembershipService(DepartmentGroupRepository groups, DepartmentRepository departments, MeasureRepository measures,
            IndicatorRepository indicators, CataloguePublisher publisher) {
        this.groups = groups;
        this.departments = departments;
        this.measures = measures;
        this.indicators = indicators;
        this.publisher = publisher;
    }

    /** The group with its new members (and revision). */
    public DepartmentGroup replaceMembers(String code, long expectedRevision, List<String> memberCodes, String actor) {
        // Read under the row lock, so that the revision compared with If-Match is the committed one.
        DepartmentGroup group = groups.find("code", code).withLock(LockModeType.PESSIMISTIC_WRITE)
                .<DepartmentGroup>firstResultOptional().orElseThrow(() -> ProblemException.notFound("group", code));
        ETags.requireCurrent(expectedRevision, group.revision);
        group.members.clear();
        group.members.addAll(resolve(memberCodes, group.district));
        group.revision++;

        List<CatalogueState> states = new ArrayList<>();
        states.add(CatalogueStates.of(group));
        // Load every group's members first: the republished states expand them without further queries.
        groups.listWithMembers();
        Instant now = Instant.now();
        for (Measure measure : measures.findForView(measures.idsNamingGroup(group.id))) {
            measure.revision++;
            measure.updatedAt = now;
            measure.updatedBy = actor;
            states.add(CatalogueStates.of(measure));
        }
        for (Indicator indicator : indicators.listNamingGroup(group.id)) {
            indicator.revision++;
            states.add(CatalogueStates.of(indicator));
        }
        publisher.publish(states);
        Log.infof("Group %s now has %d members (revision %d), set by %s; %d entities republished", group.code,
                group.members.size(), group.revision, actor, states.size() - 1);
        return group;
    }

    /** The departments named, each of the group's district or of the city. */
    private List<Department> resolve(List<String> codes, String district) {
        List<Department> resolved = new ArrayList<>();
        List<Problem.FieldProblem> unknown = new ArrayList<>();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(codes));
        for (String memberCode : distinct) {
            String field = "memberCodes[" + codes.indexOf(memberCode) + "]";
            departments.findByCode(memberCode).ifPresentOrElse(department -> {
                if (department.servesDistrict(district)) {
                    resolved.add(department);
                } else {
                    unknown.add(new Problem.FieldProblem(field, "department " + memberCode + " (" + department.name
                            + ") belongs to " + department.district + ", the group to " + district + " / 该部门属于"
                            + department.district + "，部门组属于" + district));
                }
            }, () -> unknown.add(new Problem.FieldProblem(field, "unknown department code " + memberCode + " / 未知部门")));
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown departments, or of another district / 部门不存在或不属于本区", unknown);
        }
        return resolved;
    }
}
