package org.ecoplan.plan.episode;

import java.util.List;

/**
 * One duty as sent, before it is checked: from a CSV line or a JSON entry.
 *
 * @param field       how the problems of this row name it: {@code line 4 } (CSV) or {@code duties[3].} (JSON)
 * @param csv         whether the row came from CSV (its columns are then named by header: department, level …)
 */
public record DutyRow(String field, boolean csv, String department, String level, String action, List<String> reportItems) {

    String name(String jsonName, String csvName) {
        return field + (csv ? csvName : jsonName);
    }
}
