package org.ecoplan.plan.department;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A department of the registry. The code is stable across imports and years; the name is the Chinese name. */
@Entity
@Table(name = "department")
public class Department extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false, unique = true)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DepartmentKind kind;

    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Department create(String code, String name, DepartmentKind kind) {
        Department department = new Department();
        department.id = UUID.randomUUID();
        department.code = code;
        department.name = name;
        department.kind = kind;
        department.revision = 1;
        department.createdAt = Instant.now();
        return department;
    }
}
