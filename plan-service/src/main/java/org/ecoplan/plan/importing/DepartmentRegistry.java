package org.ecoplan.plan.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ecoplan.plan.department.DepartmentKind;

/**
 * The departments and groups the plan document names, as shipped in {@code catalogue/departments.tsv}
 * ({@code code}, {@code name}, {@code kind}, tab-separated) and {@code catalogue/groups.tsv} ({@code code}, {@code name}, {@code members}, tab-separated).
 *
 * <p>Group membership decisions: 各街乡镇 is all 3 subdistricts, 11 towns and 4 townships; 各乡镇 the 11 towns and
 * 4 townships. 相关乡镇, 相关街乡镇, 有关部门, 相关部门 and 区空气重污染应急指挥部成员单位 are open groups (no members
 * listed): which towns or departments are "concerned" differs per measure and the document does not say, so an
 * administrator assigns them rather than the import guessing.
 *
 * <p>Names are compared after {@link #normalizeName(String) normalisation}, so a name typed with spaces or ASCII
 * brackets still matches. The files are data we ship: a malformed file is a programming error and fails loudly.
 */
public final class DepartmentRegistry {

    private static final String DEPARTMENTS_RESOURCE = "/catalogue/departments.tsv";
    private static final String GROUPS_RESOURCE = "/catalogue/groups.tsv";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000]+");

    private final List<RegistryDepartment> departments;
    private final List<RegistryGroup> groups;
    private final Map<String, RegistryDepartment> departmentsByName = new HashMap<>();
    private final Map<String, RegistryDepartment> departmentsByCode = new HashMap<>();
    private final Map<String, RegistryGroup> groupsByName = new HashMap<>();

    private DepartmentRegistry(List<RegistryDepartment> departments, List<RegistryGroup> groups) {
        this.departments = List.copyOf(departments);
        this.groups = List.copyOf(groups);
        for (RegistryDepartment department : departments) {
            requireUnique(departmentsByCode.put(department.code(), department), "department code " + department.code());
            requireUnique(departmentsByName.put(normalizeName(department.name()), department),
                    "department name " + department.name());
        }
        Map<String, RegistryGroup> groupsByCode = new HashMap<>();
        for (RegistryGroup group : groups) {
            requireUnique(groupsByCode.put(group.code(), group), "group code " + group.code());
            requireUnique(groupsByName.put(normalizeName(group.name()), group), "group name " + group.name());
            if (departmentsByName.containsKey(normalizeName(group.name()))) {
                throw new IllegalArgumentException("Name is both a department and a group: " + group.name());
            }
            for (String member : group.memberCodes()) {
                if (!departmentsByCode.containsKey(member)) {
                    throw new IllegalArgumentException("Group " + group.code() + " lists unknown department " + member);
                }
            }
        }
    }

    /** The registry shipped with plan-service. */
    public static DepartmentRegistry loadDefault() {
        return fromTsv(readResource(DEPARTMENTS_RESOURCE), readResource(GROUPS_RESOURCE));
    }

    /** A registry from the text of the two TSV files (header line first). */
    public static DepartmentRegistry fromTsv(String departmentsTsv, String groupsTsv) {
        List<RegistryDepartment> departments = new ArrayList<>();
        for (String[] columns : rows(departmentsTsv, "code\tname\tkind")) {
            departments.add(new RegistryDepartment(code(columns[0]), columns[1], DepartmentKind.valueOf(columns[2])));
        }
        List<RegistryGroup> groups = new ArrayList<>();
        for (String[] columns : rows(groupsTsv, "code\tname\tmembers")) {
            List<String> members = columns[2].isBlank() ? List.of()
                    : Arrays.stream(columns[2].split(",")).map(String::strip).map(DepartmentRegistry::code).toList();
            groups.add(new RegistryGroup(code(columns[0]), columns[1], members));
        }
        return new DepartmentRegistry(departments, groups);
    }

    public Optional<RegistryDepartment> byName(String name) {
        return Optional.ofNullable(name).map(DepartmentRegistry::normalizeName).map(departmentsByName::get);
    }

    public Optional<RegistryDepartment> byCode(String code) {
        return Optional.ofNullable(departmentsByCode.get(code));
    }

    public Optional<RegistryGroup> groupByName(String name) {
        return Optional.ofNullable(name).map(DepartmentRegistry::normalizeName).map(groupsByName::get);
    }

    /** Whether the name is a known department or group. */
    public boolean knows(String name) {
        return byName(name).isPresent() || groupByName(name).isPresent();
    }

    public List<RegistryDepartment> departments() {
        return departments;
    }

    public List<RegistryGroup> groups() {
        return groups;
    }

    /** Removes whitespace (including full-width spaces) and writes brackets full-width, as the document does. */
    public static String normalizeName(String name) {
        return WHITESPACE.matcher(name).replaceAll("").replace('(', '（').replace(')', '）');
    }

    private static List<String[]> rows(String tsv, String header) {
        List<String> lines = tsv.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(header)) {
            throw new IllegalArgumentException("Registry file must start with the header '" + header + "'");
        }
        List<String[]> rows = new ArrayList<>();
        for (int index = 1; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length == 2) {
                columns = new String[] {columns[0], columns[1], ""}; // an open group may omit the trailing tab
            }
            if (columns.length != 3 || columns[1].isBlank()) {
                throw new IllegalArgumentException("Registry line " + (index + 1) + " needs 3 tab-separated columns: " + line);
            }
            rows.add(new String[] {columns[0].strip(), normalizeName(columns[1]), columns[2].strip()});
        }
        return rows;
    }

    private static String code(String code) {
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("Registry code must be upper-case ASCII words joined by '-': " + code);
        }
        return code;
    }

    private static void requireUnique(Object previous, String what) {
        if (previous != null) {
            throw new IllegalArgumentException("Registry lists " + what + " twice");
        }
    }

    private static String readResource(String resource) {
        try (InputStream in = DepartmentRegistry.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
