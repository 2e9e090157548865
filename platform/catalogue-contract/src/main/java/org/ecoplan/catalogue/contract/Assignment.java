package org.ecoplan.catalogue.contract;

import java.util.List;

/**
 * A department or a group named in a role. {@code role} is LEAD, RESPONSIBLE, ASSISTING (measures) or
 * LEAD, COOPERATING (indicators). Exactly one of {@code departmentCode} and {@code groupCode} is set; a group
 * carries its member codes so that a consumer can expand it without another lookup.
 */
public record Assignment(String role, String departmentCode, String groupCode, String name, List<String> memberCodes) {
}
