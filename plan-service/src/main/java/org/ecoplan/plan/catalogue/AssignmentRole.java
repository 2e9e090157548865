package org.ecoplan.plan.catalogue;

/** The three department columns of a plan table: 牵头部门, 主责单位, 协办单位. */
public enum AssignmentRole {
    /** 牵头部门: the department that leads the measure. */
    LEAD,
    /** 主责单位: the units mainly responsible for carrying it out. */
    RESPONSIBLE,
    /** 协办单位 (and 配合部门 of the indicator table): units that assist. */
    ASSISTING
}
