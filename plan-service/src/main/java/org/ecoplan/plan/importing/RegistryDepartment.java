package org.ecoplan.plan.importing;

import org.ecoplan.plan.department.DepartmentKind;

/**
 * A department of the shipped registry.
 *
 * @param district the district it belongs to (e.g. 延庆区), or null for a department of the city (市规划自然资源委延庆分局)
 */
public record RegistryDepartment(String code, String name, DepartmentKind kind, String district) {
}
