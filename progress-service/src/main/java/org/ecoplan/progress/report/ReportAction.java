package org.ecoplan.progress.report;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One change of a report: who did what, when, from which client, and the report before and after. */
@Entity
@Table(name = "report_action")
public class ReportAction extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
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

    @JdbcTypeCode(SqlTypes.JSON)
    public String before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String after;
}
