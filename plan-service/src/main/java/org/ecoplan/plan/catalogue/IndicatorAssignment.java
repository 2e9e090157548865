package org.ecoplan.plan.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;

/** A department or group named as lead (牵头部门) or co-operating (配合部门) for an indicator. */
@Entity
@Table(name = "indicator_assignment")
public class IndicatorAssignment {

    public static final String LEAD = "LEAD";
    public static final String COOPERATING = "COOPERATING";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "indicator_id")
    public Indicator indicator;

    /** {@link #LEAD} or {@link #COOPERATING}. */
    @Column(nullable = false)
    public String role;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    public Department department;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id")
    public DepartmentGroup group;

    @Column(nullable = false)
    public int position;
}
