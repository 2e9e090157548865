package org.ecoplan.notification.inbox;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** How an inbox wants its alerts; absent means {@link Delivery#IMMEDIATE}. */
@Entity
@Table(name = "inbox_preference")
@IdClass(InboxPreference.Key.class)
public class InboxPreference extends PanacheEntityBase {

    @Id
    @Enumerated(EnumType.STRING)
    public Audience.Box box;

    @Id
    public String owner;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Delivery delivery;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public record Key(Audience.Box box, String owner) implements Serializable {
    }
}
