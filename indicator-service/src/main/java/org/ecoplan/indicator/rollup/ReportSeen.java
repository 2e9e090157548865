package org.ecoplan.indicator.rollup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecoplan.progress.contract.WorkflowState;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The latest known state of a progress report: enough to tell whether a measure reported for a period. */
@Entity
@Table(name = "report_seen")
public class ReportSeen extends PanacheEntityBase {

    @Id
    @Column(name = "report_id")
    public String reportId;

    @Column(name = "measure_id")
    public String measureId;

    /** The report's revision: older events are dropped. */
    public long revision;

    /** {@code 2026-05}; {@code null} for ad-hoc reports. */
    public String period;

    @Enumerated(EnumType.STRING)
    public WorkflowState state;
}
