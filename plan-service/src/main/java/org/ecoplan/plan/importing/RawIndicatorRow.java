package org.ecoplan.plan.importing;

/** The cells of one indicator-table row exactly as written (internal line breaks kept). */
public record RawIndicatorRow(String number, String category, String name, String target,
                              ParsedRoleCell lead, ParsedRoleCell cooperating) {
}
