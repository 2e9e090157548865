package org.ecoplan.plan.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ecoplan.catalogue.contract.Lifecycle;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A work measure (工作措施): what is to be done, by when, and by which departments in which role. */
@Entity
@Table(name = "measure")
public class Measure extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "document_id")
    public PlanDocument document;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "task_id")
    public KeyTask task;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "section_id")
    public PlanSection section;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "top_section_id")
    public PlanSection topSection;

    @Column(nullable = false)
    public int position;

    /**
     * Sort key of the whole catalogue: the document's load order times {@link #ORDERS_PER_DOCUMENT}, plus
     * the measure's ordinal in its document (plan, task, position).
     */
    @Column(name = "catalogue_order", nullable = false)
    public long catalogueOrder;

    /** Room for the measures of one document; the seed has 212. */
    public static final long ORDERS_PER_DOCUMENT = 1_000_000L;

    @Column(nullable = false)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(name = "deadline_kind", nullable = false)
    public DeadlineKind deadlineKind;

    @Column(name = "deadline_start")
    public LocalDate deadlineStart;

    @Column(name = "deadline_end")
    public LocalDate deadlineEnd;

    @Column(name = "deadline_label", nullable = false)
    public String deadlineLabel;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "timing_hints", nullable = false)
    public List<String> timingHints = new ArrayList<>();

    /** The document's cells as written, beside the parsed values (see {@code RawRow}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "raw_row", nullable = false)
    public String rawRow;

    @Column(name = "source_line")
    public Integer sourceLine;

    @Column(nullable = false)
    public long revision;

    /** CLOSED once an adopted edition dropped it: kept, with its id and history, but no longer tracked. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Lifecycle status = Lifecycle.OPEN;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @OneToMany(mappedBy = "measure", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<MeasureAssignment> assignments = new ArrayList<>();

    public void replaceAssignments(List<MeasureAssignment> replacement) {
        assignments.clear();
        int position = 1;
        for (MeasureAssignment assignment : replacement) {
            assignment.measure = this;
            assignment.position = position++;
            assignments.add(assignment);
        }
    }
}
