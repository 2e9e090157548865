package org.ecoplan.plan.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ecoplan.catalogue.contract.AssignmentRole;

/** Reads the rows of the indicator table (附件4); the rules are on {@link PlanDocumentParser}. */
final class IndicatorTableReader {

    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final int CELLS = PlanDocumentParser.INDICATOR_HEADER.size();

    private final DepartmentCellReader departments;
    private final List<ImportProblem> problems;

    IndicatorTableReader(DepartmentCellReader departments, List<ImportProblem> problems) {
        this.departments = departments;
        this.problems = problems;
    }

    List<ParsedIndicator> read(List<TableText.Row> rows) {
        List<ParsedIndicator> indicators = new ArrayList<>();
        String category = null;
        int lastNumber = 0;
        for (TableText.Row row : rows) {
            List<TableText.Cell> cells = row.cells();
            if (cells.size() != CELLS) {
                problems.add(ImportProblem.error(row.line(), "Indicator row has " + cells.size() + " cells; expected "
                        + CELLS + " " + PlanDocumentParser.INDICATOR_HEADER));
                continue;
            }
            String number = cells.get(0).joined();
            if (!NUMBER.matcher(number).matches()) {
                problems.add(ImportProblem.error(row.line(), "Indicator number '" + number + "' is not a number"));
                continue;
            }
            int indicatorNumber = Integer.parseInt(number);
            if (indicatorNumber != lastNumber + 1) {
                problems.add(ImportProblem.error(row.line(), "Indicator number " + indicatorNumber + " follows "
                        + lastNumber + "; numbers must run on by one"));
            }
            lastNumber = indicatorNumber;
            String rowCategory = cells.get(1).joined();
            if (!rowCategory.isEmpty()) {
                category = rowCategory;
            } else if (category == null) {
                problems.add(ImportProblem.error(row.line(), "Indicator " + number + " has no category and none above"));
            }
            String name = cells.get(2).joined();
            if (name.isEmpty()) {
                problems.add(ImportProblem.error(row.line(), "Indicator " + number + " has no name"));
                continue;
            }
            String target = cells.get(3).text();
            if (target.isEmpty()) {
                problems.add(ImportProblem.error(cells.get(3).line(), "Indicator " + number + " has no year-end target"));
            }
            DepartmentCellReader.Reading lead = departments.read(cells.get(4), List.of(AssignmentRole.LEAD), problems);
            DepartmentCellReader.Reading cooperating =
                    departments.read(cells.get(5), List.of(AssignmentRole.ASSISTING), problems);
            if (lead.assignments().isEmpty()) {
                problems.add(ImportProblem.warning(cells.get(4).line(), "Indicator " + number + " names no lead department"));
            }
            RawIndicatorRow raw = new RawIndicatorRow(cells.get(0).raw(), cells.get(1).raw(), cells.get(2).raw(),
                    cells.get(3).raw(), lead.cell(), cooperating.cell());
            indicators.add(new ParsedIndicator(indicatorNumber, category, name, target, lead.assignments(),
                    cooperating.assignments(), raw, row.line()));
        }
        return indicators;
    }
}
