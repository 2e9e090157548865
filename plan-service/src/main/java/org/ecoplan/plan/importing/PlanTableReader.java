package org.ecoplan.plan.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.MeasureState;

/** Reads the rows of one plan table (附件1-3) into a {@link ParsedPlan}; the rules are on {@link PlanDocumentParser}. */
final class PlanTableReader {

    private static final Pattern SECTION = Pattern.compile("([一二三四五六七八九十]+)、(.+)");
    private static final Pattern SUBSECTION = Pattern.compile("[（(]([一二三四五六七八九十]+)[）)](.+)");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final List<List<AssignmentRole>> SEVEN_CELL_ROLES = List.of(
            List.of(AssignmentRole.LEAD), List.of(AssignmentRole.RESPONSIBLE), List.of(AssignmentRole.ASSISTING));
    private static final List<List<AssignmentRole>> SIX_CELL_ROLES = List.of(
            List.of(AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE), List.of(AssignmentRole.ASSISTING));

    private final TableText.Attachment attachment;
    private final int year;
    private final DepartmentCellReader departments;
    private final List<ImportProblem> problems;

    private final List<SectionBuilder> sections = new ArrayList<>();
    private SectionBuilder section;
    private SectionBuilder subsection;
    private TaskBuilder task;
    private int lastTaskNumber;
    private final Set<Integer> taskNumbers = new HashSet<>();

    PlanTableReader(TableText.Attachment attachment, int year, DepartmentCellReader departments,
                    List<ImportProblem> problems) {
        this.attachment = attachment;
        this.year = year;
        this.departments = departments;
        this.problems = problems;
    }

    ParsedPlan read(List<TableText.Row> rows) {
        for (TableText.Row row : rows) {
            int cells = row.cells().size();
            if (cells == 1) {
                readSectionRow(row);
            } else if (cells == 6 || cells == 7) {
                readMeasureRow(row);
            } else {
                problems.add(ImportProblem.error(row.line(), "Row has " + cells + " cells; a plan row has 7 (序号 to "
                        + "协办单位) or 6 (牵头部门 and 主责单位 merged), a section row 1"));
            }
        }
        return new ParsedPlan(attachment.number(), PlanDocumentParser.planTitle(attachment),
                sections.stream().map(SectionBuilder::build).toList());
    }

    private void readSectionRow(TableText.Row row) {
        String text = row.cells().get(0).joined();
        Matcher sectionMatch = SECTION.matcher(text);
        Matcher subsectionMatch = SUBSECTION.matcher(text);
        if (text.isEmpty()) {
            problems.add(ImportProblem.warning(row.line(), "Empty row ignored"));
        } else if (sectionMatch.matches()) {
            section = new SectionBuilder(sectionMatch.group(1), sectionMatch.group(2).strip(), 1, row.line());
            sections.add(section);
            subsection = null;
            task = null;
        } else if (subsectionMatch.matches()) {
            subsection = new SectionBuilder("（" + subsectionMatch.group(1) + "）", subsectionMatch.group(2).strip(), 2,
                    row.line());
            currentSection(row).subsections.add(subsection);
            task = null;
        } else {
            problems.add(ImportProblem.error(row.line(), "One-cell row '" + text + "' is neither a section (一、…) "
                    + "nor a subsection (（一）…)"));
        }
    }

    private void readMeasureRow(TableText.Row row) {
        List<TableText.Cell> cells = row.cells();
        String number = cells.get(0).joined();
        String name = cells.get(1).joined();
        if (number.isEmpty() && name.isEmpty()) {
            if (task == null) {
                problems.add(ImportProblem.error(row.line(), "Row without task number and name has no task above it"));
                return;
            }
        } else if (number.isEmpty() || name.isEmpty()) {
            problems.add(ImportProblem.error(row.line(), "Row has " + (number.isEmpty() ? "a task name but no number"
                    : "a task number but no name") + "; a row needs both or neither"));
            return;
        } else if (!NUMBER.matcher(number).matches()) {
            problems.add(ImportProblem.error(row.line(), "Task number '" + number + "' is not a number"));
            return;
        } else {
            startOrContinueTask(row, Integer.parseInt(number), name);
        }
        readMeasure(row).ifPresent(task.measures::add);
    }

    private void startOrContinueTask(TableText.Row row, int number, String name) {
        if (task != null && task.number == number) {
            // Word repeats number and name at the top of a page: same task.
            if (!task.name.equals(name)) {
                problems.add(ImportProblem.error(row.line(), "Task " + number + " is repeated as '" + name
                        + "' but was named '" + task.name + "' at line " + task.line));
            }
            return;
        }
        if (taskNumbers.contains(number)) {
            problems.add(ImportProblem.error(row.line(), "Task number " + number + " appears again"));
        } else if (number != lastTaskNumber + 1) {
            problems.add(ImportProblem.error(row.line(), "Task number " + number + " follows " + lastTaskNumber
                    + "; numbers must run on by one"));
        }
        taskNumbers.add(number);
        lastTaskNumber = number;
        task = new TaskBuilder(number, name, row.line());
        (subsection != null ? subsection : currentSection(row)).tasks.add(task);
    }

    private SectionBuilder currentSection(TableText.Row row) {
        if (section == null) {
            problems.add(ImportProblem.error(row.line(), "Row comes before any section (一、…); kept in an untitled "
                    + "section"));
            section = new SectionBuilder("", "", 1, row.line());
            sections.add(section);
        }
        return section;
    }

    private Optional<ParsedMeasure> readMeasure(TableText.Row row) {
        List<TableText.Cell> cells = row.cells();
        String text = cells.get(2).text();
        if (text.isEmpty()) {
            problems.add(ImportProblem.error(row.line(), "Row of task " + task.number + " has no measure text"));
            return Optional.empty();
        }
        String deadlineLabel = cells.get(3).text();
        ParsedDeadline deadline = DeadlineReader.read(deadlineLabel, year).orElse(null);
        if (deadline == null) {
            problems.add(ImportProblem.error(cells.get(3).line(), "Unknown deadline '" + deadlineLabel + "'"
                    + (year == 0 ? " (no plan year to date it)" : "")
                    + "; known forms: 年底前, N月底前, N-M月, 长期实施, 持续推进"));
        } else {
            // The catalogue contract's rule, as for an edit: e.g. a title naming the year 9026 gives dates no replica takes.
            Optional<MeasureState.Deadline.Problem> problem = new MeasureState.Deadline(deadline.kind().name(),
                    deadline.start(), deadline.end(), deadline.label()).problem();
            if (problem.isPresent()) {
                problems.add(ImportProblem.error(cells.get(3).line(), "Deadline '" + deadlineLabel + "' of plan year " + year
                        + ": " + problem.get().field() + " " + problem.get().message()));
                deadline = null;
            }
        }
        List<List<AssignmentRole>> columns = cells.size() == 7 ? SEVEN_CELL_ROLES : SIX_CELL_ROLES;
        List<ParsedRoleCell> roleCells = new ArrayList<>();
        List<ParsedAssignment> assignments = new ArrayList<>();
        for (int index = 0; index < columns.size(); index++) {
            DepartmentCellReader.Reading reading = departments.read(cells.get(4 + index), columns.get(index), problems);
            roleCells.add(reading.cell());
            assignments.addAll(reading.assignments());
        }
        if (assignments.stream().noneMatch(assignment -> assignment.role() == AssignmentRole.LEAD)) {
            problems.add(ImportProblem.warning(cells.get(4).line(), "Measure of task " + task.number
                    + " names no lead department"));
        }
        RawRow raw = new RawRow(cells.get(0).raw(), cells.get(1).raw(), cells.get(2).raw(), cells.get(3).raw(),
                roleCells);
        return Optional.of(new ParsedMeasure(task.measures.size() + 1, text, deadline, assignments, raw, row.line(),
                TimingHints.find(text)));
    }

    private static final class SectionBuilder {
        final String label;
        final String title;
        final int level;
        final int line;
        final List<SectionBuilder> subsections = new ArrayList<>();
        final List<TaskBuilder> tasks = new ArrayList<>();

        SectionBuilder(String label, String title, int level, int line) {
            this.label = label;
            this.title = title;
            this.level = level;
            this.line = line;
        }

        ParsedSection build() {
            return new ParsedSection(label, title, level, subsections.stream().map(SectionBuilder::build).toList(),
                    tasks.stream().map(TaskBuilder::build).toList(), line);
        }
    }

    private static final class TaskBuilder {
        final int number;
        final String name;
        final int line;
        final List<ParsedMeasure> measures = new ArrayList<>();

        TaskBuilder(int number, String name, int line) {
            this.number = number;
            this.name = name;
            this.line = line;
        }

        ParsedTask build() {
            return new ParsedTask(number, name, measures, line);
        }
    }
}
