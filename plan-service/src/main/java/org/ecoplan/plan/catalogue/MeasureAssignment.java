package org.ecoplan.plan.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;

/** A department, or a group, named in one role of a measure. */
@Entity
@Table(name = "measure_assignment")
public class MeasureAssignment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "measure_id")
    public Measure measure;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssignmentRole role;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    public Department department;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id")
    public DepartmentGroup group;

    @Column(nullable = false)
    public int position;

    public static MeasureAssignment of(AssignmentRole role, Department department, DepartmentGroup group) {
        MeasureAssignment assignment = new MeasureAssignment();
        assignment.role = role;
        assignment.department = department;
        assignment.group = group;
        return assignment;
    }
}
