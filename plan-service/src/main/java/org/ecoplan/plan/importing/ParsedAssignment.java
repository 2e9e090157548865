package org.ecoplan.plan.importing;

import org.ecoplan.catalogue.contract.AssignmentRole;

/**
 * One department or group named in a department column. Exactly one of departmentName and groupName is set.
 *
 * @param role           the column the name stands in; a name in a cell that spans two columns is listed once per column
 * @param departmentName the registry's full name (or, for a name the registry does not know, the name as written)
 * @param groupName      a group such as 各街乡镇 or 有关部门
 * @param position       1-based position of the name within its column
 */
public record ParsedAssignment(AssignmentRole role, String departmentName, String groupName, int position) {

    public boolean isGroup() {
        return groupName != null;
    }

    /** The department or group name, whichever is set. */
    public String name() {
        return departmentName != null ? departmentName : groupName;
    }
}
