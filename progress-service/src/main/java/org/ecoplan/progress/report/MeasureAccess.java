package org.ecoplan.progress.report;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.Assignments;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.progress.config.ProgressConfig;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;

/**
 * Who may do what with reports, decided against this service's copy of the catalogue (so it works while
 * plan-service is down). Every refusal is a 403 whose detail says why.
 */
@ApplicationScoped
public class MeasureAccess {

    private final CatalogueReplica catalogue;
    private final ProgressConfig config;
    private final Caller caller;

    MeasureAccess(CatalogueReplica catalogue, ProgressConfig config, Caller caller) {
        this.catalogue = catalogue;
        this.config = config;
        this.caller = caller;
    }

    /** The measure a request body names; 422 naming {@code field} if the catalogue does not know it. */
    public MeasureState measureNamedIn(String field, String measureId) {
        return catalogue.find(MeasureState.class, measureId).orElseThrow(() -> ProblemException.unprocessable(
                "measure " + measureId + " is not in the catalogue / 措施不存在",
                List.of(new Problem.FieldProblem(field, "unknown measure"))));
    }

    /** The measure a path names; 404 if the catalogue does not know it. */
    public MeasureState measure(String measureId) {
        return catalogue.find(MeasureState.class, measureId)
                .orElseThrow(() -> ProblemException.notFound("measure", measureId));
    }

    /** The caller's department, required for every reporter action. */
    public String callerDepartment() {
        return caller.department().orElseThrow(() -> ProblemException.forbidden(
                "your token names no department (claim \"department\") / 令牌未包含所属部门"));
    }

    /** @return the role under which the caller's department reports on the measure */
    public AssignmentRole requireMayReport(MeasureState measure) {
        String department = callerDepartment();
        return Assignments.strongestRole(measure.assignments(), department).orElseThrow(() -> ProblemException.forbidden(
                "Department " + department + " has no role on measure " + measure.id()
                        + " and cannot report on it / 该部门不承担此措施，无权填报"));
    }

    public void requireMayEdit(ProgressReport report) {
        String department = callerDepartment();
        if (!caller.hasRole(Roles.REPORTER) || !department.equals(report.departmentCode)) {
            throw ProblemException.forbidden("Report " + report.id + " belongs to department " + report.departmentCode
                    + "; department " + department + " cannot change it / 无权修改其他部门的报告");
        }
    }

    public boolean seesEverything() {
        return caller.hasRole(Roles.SUPERVISOR) || caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.INTEGRATOR);
    }

    /** Supervisors, admins and integrators read every report; a reporter its own department's (and, where lead departments review, those it reviews). */
    public void requireMayRead(ProgressReport report) {
        if (seesEverything()) {
            return;
        }
        String department = callerDepartment();
        if (department.equals(report.departmentCode) || reviewsAsLeadDepartment(report, department)) {
            return;
        }
        throw ProblemException.forbidden("Report " + report.id + " belongs to department " + report.departmentCode
                + "; department " + department + " cannot see it / 无权查看其他部门的报告");
    }

    /** A reporter may only read its own department's reports in lists, to-do lists and the change feed. */
    public void requireOwnDepartment(String departmentCode) {
        if (seesEverything()) {
            return;
        }
        String department = callerDepartment();
        if (!department.equals(departmentCode)) {
            throw ProblemException.forbidden("Department " + department + " cannot read department " + departmentCode
                    + "'s reports / 无权查看其他部门的报告");
        }
    }

    /** Approve and return: a supervisor, or (where configured) the measure's LEAD department; never one's own report. */
    public void requireMayReview(ProgressReport report) {
        if (caller.name().equals(report.reporter)) {
            throw ProblemException.forbidden("nobody reviews their own report (" + report.id + ") / 不能审核本人提交的报告");
        }
        if (caller.hasRole(Roles.SUPERVISOR)) {
            return;
        }
        if (!config.leadDepartmentApproves()) {
            throw ProblemException.forbidden("only a supervisor approves or returns reports / 仅生态环境局审核人员可审核报告");
        }
        String department = callerDepartment();
        if (department.equals(report.departmentCode)) {
            throw ProblemException.forbidden("Department " + department
                    + " cannot review its own department's report / 不能审核本部门的报告");
        }
        if (!reviewsAsLeadDepartment(report, department)) {
            throw ProblemException.forbidden("Department " + department + " is not the lead department of measure "
                    + report.measureId + " and cannot review its reports / 非牵头部门，无权审核");
        }
    }

    private boolean reviewsAsLeadDepartment(ProgressReport report, String department) {
        return config.leadDepartmentApproves() && caller.hasRole(Roles.REPORTER)
                && catalogue.find(MeasureState.class, report.measureId)
                        .flatMap(measure -> Assignments.strongestRole(measure.assignments(), department))
                        .filter(role -> role == AssignmentRole.LEAD).isPresent();
    }
}
