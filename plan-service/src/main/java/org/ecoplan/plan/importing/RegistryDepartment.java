package org.ecoplan.plan.importing;

import org.ecoplan.plan.department.DepartmentKind;

/** A department of the shipped registry (catalogue/departments.tsv). */
public record RegistryDepartment(String code, String name, DepartmentKind kind) {
}
