package org.ecoplan.indicator.contract;

import java.util.Optional;

/** What a roll-up adds up: {@link RollupChanged#scopeType()}. */
public enum ScopeType {
    PLAN,
    SECTION,
    TASK,
    /**
     * The measures a department leads or is responsible for (牵头/主责), named directly or through a group it belongs
     * to (各街乡镇 counts for each of its members): the department's own delivery.
     */
    DEPARTMENT,
    /** The measures a department only assists with (协办), kept apart so they never count as its own delivery. */
    DEPARTMENT_ASSISTING;

    /** The scope named by an event's text, empty for one this version does not know (the contract may add one). */
    public static Optional<ScopeType> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ScopeType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
