package org.ecoplan.catalogue.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A department or a group named in a role. {@code role} is an {@link AssignmentRole} for measures (LEAD,
 * RESPONSIBLE, ASSISTING) or LEAD, COOPERATING for indicators; text on the wire, so that a role added later
 * reaches older consumers as an unknown role, not as an unreadable event. Exactly one of {@code departmentCode} and {@code groupCode} is set; a group
 * carries its member codes so that a consumer can expand it without another lookup.
 */
public record Assignment(String role, String departmentCode, String groupCode, String name, List<String> memberCodes) {

    /**
     * The departments this assignment gives the role to: its department, or every member of its group (none for
     * an open group whose members an administrator has not named yet). Every consumer expands groups this way.
     */
    @JsonIgnore
    public List<String> departmentCodes() {
        if (departmentCode != null) {
            return List.of(departmentCode);
        }
        return memberCodes == null ? List.of() : memberCodes;
    }

    /** Whether this assignment gives {@code role} (never true for a role this version does not know). */
    public boolean is(AssignmentRole role) {
        return role.name().equals(this.role);
    }

    /** Whether {@code code} has this role, directly or as a member of the group. */
    public boolean names(String code) {
        return departmentCodes().contains(code);
    }
}
