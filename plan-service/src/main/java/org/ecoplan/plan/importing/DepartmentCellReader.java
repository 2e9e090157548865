package org.ecoplan.plan.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ecoplan.catalogue.contract.AssignmentRole;

/**
 * Reads one department cell: one name a line, except that Word sometimes breaks one name over two lines
 * (市规划自然资源委 / 延庆分局, 区城市管理指挥 / 中心). Two adjacent lines are joined when the joined name is a
 * known department or group; otherwise each line is a name (区交通局 / 延庆公路分局 are two departments).
 * {@code ——} means nobody, a trailing {@code 等部门} (alone or glued to the last name) means "and other departments".
 */
final class DepartmentCellReader {

    private static final Pattern NONE = Pattern.compile("[—－\\-]+");
    private static final String OTHERS = "等部门";

    private final DepartmentRegistry registry;

    DepartmentCellReader(DepartmentRegistry registry) {
        this.registry = registry;
    }

    record Reading(ParsedRoleCell cell, List<ParsedAssignment> assignments) {
    }

    private record NameLine(String name, int line) {
    }

    Reading read(TableText.Cell cell, List<AssignmentRole> roles, List<ImportProblem> problems) {
        List<NameLine> lines = nameLines(cell);
        if (lines.isEmpty()) {
            problems.add(ImportProblem.error(cell.line(), "Department cell for " + roles + " is empty"));
            return new Reading(new ParsedRoleCell(roles, cell.raw(), false, false), List.of());
        }
        if (lines.size() == 1 && NONE.matcher(lines.get(0).name()).matches()) {
            return new Reading(new ParsedRoleCell(roles, cell.raw(), false, true), List.of());
        }
        boolean othersIncluded = false;
        List<NameLine> names = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            NameLine line = lines.get(index);
            String name = line.name();
            if (name.endsWith(OTHERS)) {
                othersIncluded = true;
                if (index != lines.size() - 1) {
                    problems.add(ImportProblem.warning(line.line(), "'" + OTHERS + "' is not at the end of the cell"));
                }
                name = name.substring(0, name.length() - OTHERS.length());
            }
            if (NONE.matcher(name).matches()) {
                problems.add(ImportProblem.warning(line.line(), "'" + name + "' beside department names is ignored"));
            } else if (!name.isEmpty()) {
                names.add(new NameLine(name, line.line()));
            }
        }
        List<ParsedAssignment> resolved = joinBrokenNames(names).stream().map(name -> resolve(name, problems)).toList();
        List<ParsedAssignment> assignments = new ArrayList<>();
        for (AssignmentRole role : roles) {
            for (int index = 0; index < resolved.size(); index++) {
                ParsedAssignment name = resolved.get(index);
                assignments.add(new ParsedAssignment(role, name.departmentName(), name.groupName(), index + 1));
            }
        }
        return new Reading(new ParsedRoleCell(roles, cell.raw(), othersIncluded, false), assignments);
    }

    private List<NameLine> nameLines(TableText.Cell cell) {
        List<NameLine> lines = new ArrayList<>();
        for (int index = 0; index < cell.lines().size(); index++) {
            String name = DepartmentRegistry.normalizeName(cell.lines().get(index));
            if (!name.isEmpty()) {
                lines.add(new NameLine(name, cell.line() + index));
            }
        }
        return lines;
    }

    private List<NameLine> joinBrokenNames(List<NameLine> names) {
        List<NameLine> joined = new ArrayList<>();
        for (int index = 0; index < names.size(); index++) {
            NameLine name = names.get(index);
            if (index + 1 < names.size() && registry.knows(name.name() + names.get(index + 1).name())) {
                joined.add(new NameLine(name.name() + names.get(index + 1).name(), name.line()));
                index++;
            } else {
                joined.add(name);
            }
        }
        return joined;
    }

    /** The registry's name of a department or group; role and position are filled in per column by the caller. */
    private ParsedAssignment resolve(NameLine name, List<ImportProblem> problems) {
        var group = registry.groupByName(name.name());
        if (group.isPresent()) {
            return new ParsedAssignment(null, null, group.get().name(), 0);
        }
        var department = registry.byName(name.name());
        if (department.isEmpty()) {
            problems.add(ImportProblem.warning(name.line(),
                    "Department '" + name.name() + "' is not in the registry; imported as written"));
        }
        return new ParsedAssignment(null, department.map(RegistryDepartment::name).orElse(name.name()), null, 0);
    }
}
