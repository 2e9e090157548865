package org.ecoplan.progress.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.progress.contract.MeasuredValue;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A department's report on how one measure stands, as it stands now; its changes are in {@link ReportAction}. */
@Entity
@Table(name = "progress_report")
public class ProgressReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "measure_id", nullable = false)
    public String measureId;

    @Column(name = "plan_id")
    public String planId;

    @Column(name = "task_id")
    public String taskId;

    @Column(name = "department_code", nullable = false)
    public String departmentCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "department_role", nullable = false)
    public AssignmentRole departmentRole;

    @Column(nullable = false)
    public String reporter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportKind kind;

    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkflowState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportStatus status;

    @Column(name = "percent_complete", nullable = false)
    public int percentComplete;

    @Column(nullable = false)
    public String narrative;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "measured_values", nullable = false)
    public List<MeasuredValue> measuredValues;

    @Column(name = "client_timestamp")
    public Instant clientTimestamp;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "return_reason")
    public String returnReason;

    @Column(name = "evidence_count", nullable = false)
    public int evidenceCount;

    @Column(nullable = false)
    public long revision;

    @Column(name = "change_seq", nullable = false)
    public long changeSeq;

    public boolean isEditable() {
        return state == WorkflowState.DRAFT || state == WorkflowState.RETURNED;
    }
}
