package org.ecoplan.notification.inbox;

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

/** A message in one inbox. Written by {@link InboxWriter}; read and marked read through {@link InboxService}. */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "alert_id")
    public UUID alertId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Audience.Box box;

    @Column(nullable = false)
    public String owner;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageKind kind;

    public String rule;

    public String severity;

    @Column(name = "subject_id")
    public String subjectId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "business_date", nullable = false)
    public LocalDate businessDate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "held_for_digest", nullable = false)
    public boolean heldForDigest;

    @Column(name = "digest_id")
    public UUID digestId;

    @Column(name = "read_at")
    public Instant readAt;

    @Column(name = "read_by")
    public String readBy;
}
