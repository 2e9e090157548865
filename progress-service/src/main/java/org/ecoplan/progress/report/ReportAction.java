package org.ecoplan.progress.report;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One change of a report: who did what, when, from which client, and what it changed: an RFC 7386 JSON merge patch
 * of the report as the API shows it ({@link ReportHistory} reads the report before and after back from the chain).
 */
@Entity
@Table(name = "report_action")
public class ReportAction {

    @Id
    // Ids in blocks of 50 (the sequence's increment): the rows of a transaction go out in one JDBC batch.
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "report_action_id")
    @SequenceGenerator(name = "report_action_id", sequenceName = "report_action_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "report_id", nullable = false)
    public UUID reportId;

    /** The report's revision after this action. */
    @Column(nullable = false)
    public long revision;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    @Column(name = "actor_department")
    public String actorDepartment;

    @Column(name = "acted_at", nullable = false)
    public Instant actedAt;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "client_id")
    public String clientId;

    public String reason;

    /** The first action's: the report as created; every later one's: the fields it changed, null for those gone. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String change;
}
