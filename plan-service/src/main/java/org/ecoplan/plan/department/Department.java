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

/**
 * A department of the registry. The code is stable across imports and years and unique in the city; the name is the
 * Chinese name, unique in its district (every district has a 区生态环境局). A department belongs to one district, or to
 * the city (district null) for the city's own departments that district plans name (市规划自然资源委延庆分局).
 */
@Entity
@Table(name = "department")
public class Department extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    /** The district it belongs to (e.g. 延庆区); null for a department of the city. */
    @Column
    public String district;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DepartmentKind kind;

    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Department create(String code, String name, DepartmentKind kind, String district) {
        Department department = new Department();
        department.district = district;
        department.id = UUID.randomUUID();
        department.code = code;
        department.name = name;
        department.kind = kind;
        department.revision = 1;
        department.createdAt = Instant.now();
        return department;
    }

    /** Whether a measure or group of that district may name this department: its own, or one of the city's. */
    public boolean servesDistrict(String planDistrict) {
        return district == null || district.equals(planDistrict);
    }
}
