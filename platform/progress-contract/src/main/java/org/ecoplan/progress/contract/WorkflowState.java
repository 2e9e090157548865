package org.ecoplan.progress.contract;

/** draft → submitted → approved, or submitted → returned → (edited) → submitted again. */
public enum WorkflowState {
    DRAFT,
    SUBMITTED,
    APPROVED,
    RETURNED
}
