package org.ecoplan.progress.report;

import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;

/** List filters, combined with AND; null means "any". */
public record ReportFilter(String measureId, String departmentCode, WorkflowState state, String period,
        ReportStatus status) {
}
