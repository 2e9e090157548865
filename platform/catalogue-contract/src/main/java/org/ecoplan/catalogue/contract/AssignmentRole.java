package org.ecoplan.catalogue.contract;

import java.util.Optional;

/**
 * The three department columns of a plan table: 牵头部门, 主责单位, 协办单位 — a measure's {@link Assignment#role()}.
 * The one definition every service reads a role with (plan-service imports them, progress-service decides who may
 * report and whose report sets the official status, indicator- and notification-service count and address by them).
 * Strongest first: a department named in two columns holds the earlier one.
 */
public enum AssignmentRole {
    /** 牵头部门: the department that leads the measure. */
    LEAD("牵头部门"),
    /** 主责单位: the units mainly responsible for carrying it out. */
    RESPONSIBLE("主责单位"),
    /** 协办单位 (and 配合部门 of the indicator table): units that assist. */
    ASSISTING("协办单位");

    private final String chineseName;

    AssignmentRole(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The column's name as the plan prints it (牵头部门, 主责单位, 协办单位). */
    public String chineseName() {
        return chineseName;
    }

    /**
     * Whether the role answers for the measure's delivery (牵头/主责): its reports set the official status and the
     * measure counts as the department's own in roll-ups; an assisting unit's reports are contributions.
     */
    public boolean accountable() {
        return this != ASSISTING;
    }

    /**
     * The role named by an event's text, empty for a role this version does not know: the contract may add one,
     * and a consumer must then neither fail nor grant the unknown role anything.
     */
    public static Optional<AssignmentRole> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (AssignmentRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
