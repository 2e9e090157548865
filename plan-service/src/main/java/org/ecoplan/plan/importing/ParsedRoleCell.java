package org.ecoplan.plan.importing;

import java.util.List;

import org.ecoplan.catalogue.contract.AssignmentRole;

/**
 * One department cell of a row as the document has it.
 *
 * @param roles          the columns this cell spans (two when the document merged 牵头部门 and 主责单位)
 * @param rawText        the cell text exactly as written, line breaks included
 * @param othersIncluded the cell ends with 等部门 ("and other departments")
 * @param none           the cell says —— (nobody)
 */
public record ParsedRoleCell(List<AssignmentRole> roles, String rawText, boolean othersIncluded, boolean none) {

    public ParsedRoleCell {
        roles = List.copyOf(roles);
    }
}
