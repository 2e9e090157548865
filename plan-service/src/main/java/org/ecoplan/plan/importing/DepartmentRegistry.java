package org.ecoplan.plan.importing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One district's department registry: its own departments, the city's departments that district plans name, and the
 * district's groups. Built by {@link CityRegistry} from the files shipped in {@code catalogue/}; a code is unique in the
 * whole city, so a code names one department wherever it travels (tokens, events, inboxes, roll-ups).
 *
 * <p>Group membership decisions (延庆区): 各街乡镇 is all 3 subdistricts, 11 towns and 4 townships; 各乡镇 the 11 towns and
 * 4 townships. 相关乡镇, 相关街乡镇, 有关部门, 相关部门 and 区空气重污染应急指挥部成员单位 are open groups (no members
 * listed): which towns or departments are "concerned" differs per measure and the document does not say, so an
 * administrator assigns them rather than the import guessing. A district whose towns the registry does not list has
 * every group open.
 *
 * <p>Names are compared after {@link #normalizeName(String) normalisation}, so a name typed with spaces or ASCII
 * brackets still matches. The files are data we ship: a malformed file is a programming error and fails loudly.
 */
public final class DepartmentRegistry {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000]+");

    private final String district;
    private final String unlistedPrefix;
    private final List<RegistryDepartment> departments;
    private final List<RegistryGroup> groups;
    private final Map<String, RegistryDepartment> departmentsByName = new HashMap<>();
    private final Map<String, RegistryDepartment> departmentsByCode = new HashMap<>();
    private final Map<String, RegistryGroup> groupsByName = new HashMap<>();

    /**
     * @param unlistedPrefix what the code of a department the registry does not list starts with ({@code X-}, or
     *                       {@code MY-X-} in a district whose codes carry its prefix)
     */
    DepartmentRegistry(String district, String unlistedPrefix, List<RegistryDepartment> departments,
            List<RegistryGroup> groups) {
        this.district = district;
        this.unlistedPrefix = unlistedPrefix;
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
                RegistryDepartment known = departmentsByCode.get(member);
                if (known == null || !district.equals(known.district())) {
                    throw new IllegalArgumentException("Group " + group.code() + " lists " + member
                            + ", which is no department of " + district);
                }
            }
        }
    }

    /** The seed district's registry ({@value PlanDocumentParser#DEFAULT_DISTRICT}), as shipped. */
    public static DepartmentRegistry loadDefault() {
        return CityRegistry.loadDefault().forDistrict(PlanDocumentParser.DEFAULT_DISTRICT);
    }

    /** The district this registry belongs to. */
    public String district() {
        return district;
    }

    /**
     * The code a department of this district gets when the registry does not list its name: derived from the name,
     * so that it is stable across imports, and from the district, so that two districts' 区生态环境局 stay apart.
     */
    public String codeForUnlisted(String name) {
        return unlistedPrefix + SourceTables.sha256(normalizeName(name).getBytes(StandardCharsets.UTF_8))
                .substring(0, 10).toUpperCase(Locale.ROOT);
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

    private static void requireUnique(Object previous, String what) {
        if (previous != null) {
            throw new IllegalArgumentException("Registry lists " + what + " twice");
        }
    }
}
