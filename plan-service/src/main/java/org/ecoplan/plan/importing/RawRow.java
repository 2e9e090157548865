package org.ecoplan.plan.importing;

import java.util.List;

/** The cells of one plan-table row exactly as written (internal line breaks kept), beside the parsed values. */
public record RawRow(String number, String task, String measure, String deadline, List<ParsedRoleCell> departmentCells) {

    public RawRow {
        departmentCells = List.copyOf(departmentCells);
    }
}
