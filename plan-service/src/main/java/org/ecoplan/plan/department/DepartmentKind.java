package org.ecoplan.plan.department;

/** What kind of body a department is; subdistricts, towns and townships are the 18 areas of the district. */
public enum DepartmentKind {
    DISTRICT_AGENCY, CITY_BRANCH, SUBDISTRICT, TOWN, TOWNSHIP, OTHER
}
