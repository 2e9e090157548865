package org.ecoplan.notification.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A raised alert, for reading; written by {@link AlertService}. */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertRule rule;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type", nullable = false)
    public SubjectType subjectType;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(nullable = false)
    public String period;

    @Column(name = "plan_id")
    public String planId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String departments;

    @Column(name = "business_date", nullable = false)
    public LocalDate businessDate;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;
}
