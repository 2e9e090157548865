package org.ecoplan.plan.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.ecoplan.plan.department.DepartmentKind;

/**
 * The city's department registry: every district has its own departments (区生态环境局 of 延庆区 is not that of
 * 怀柔区), and the city has departments of its own that district plans name (市规划自然资源委延庆分局). Read from
 * {@code catalogue/}:
 * <ul>
 *   <li>{@code districts.tsv} ({@code name}, {@code code}, {@code codes}): the city's districts with a short code. A
 *       district's department codes are the template's prefixed with its code ({@code MY-ENV} is 密云区's 区生态环境局),
 *       except in a district marked {@code bare}: 延庆区, the first district, whose codes predate the city registry and
 *       are already in every token, stored row and event of its deployment.</li>
 *   <li>{@code district-departments.tsv} and {@code district-groups.tsv}: what every district has (区生态环境局 …,
 *       各街乡镇 …), codes unprefixed.</li>
 *   <li>{@code districts/<code>/departments.tsv} and {@code groups.tsv}: what only that district has (its subdistricts,
 *       towns, 延庆公安分局) with their final codes, and the members of its groups (a group there replaces the
 *       template's group of the same name).</li>
 *   <li>{@code city-departments.tsv}: the city's own departments, shared by every district's registry.</li>
 * </ul>
 * A district that is not listed (a test's 基准区7) gets a code derived from its name. Codes are unique across the whole
 * city: that is checked here for every listed district, so a code names one department in every service.
 */
public final class CityRegistry {

    private static final String CATALOGUE = "/catalogue/";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

    /** A district of the city. */
    public record District(String name, String code, boolean bareCodes) {

        /** The code of a department or group of this district from its template code. */
        String qualify(String templateCode) {
            return bareCodes ? templateCode : code + "-" + templateCode;
        }
    }

    private final Map<String, District> districts;
    private final List<RegistryDepartment> city;
    private final List<String[]> templateDepartments;
    private final List<String[]> templateGroups;
    private final Map<String, DepartmentRegistry> byDistrict = new ConcurrentHashMap<>();
    private final Files files;

    /** Reads a catalogue file by its path under {@code catalogue/}; null when the file does not exist. */
    @FunctionalInterface
    public interface Files {
        String read(String path);
    }

    CityRegistry(Files files) {
        this.files = files;
        this.districts = new LinkedHashMap<>();
        for (String[] row : rows(required(files, "districts.tsv"), "name\tcode\tcodes")) {
            if (!row[2].equals("bare") && !row[2].equals("prefixed")) {
                throw new IllegalArgumentException("districts.tsv: codes must be bare or prefixed: " + row[2]);
            }
            District district = new District(row[0], code(row[1]), row[2].equals("bare"));
            requireUnique(districts.put(district.name(), district), "district " + district.name());
        }
        this.city = rows(required(files, "city-departments.tsv"), "code\tname\tkind").stream()
                .map(row -> new RegistryDepartment(code(row[0]), row[1], DepartmentKind.valueOf(row[2]), null)).toList();
        this.templateDepartments = rows(required(files, "district-departments.tsv"), "code\tname\tkind");
        this.templateGroups = rows(required(files, "district-groups.tsv"), "code\tname\tmembers");
        Map<String, String> owners = new HashMap<>();
        city.forEach(department -> owners.put(department.code(), "the city"));
        for (District district : districts.values()) {
            DepartmentRegistry registry = forDistrict(district.name());
            for (RegistryDepartment department : registry.departments()) {
                String owner = department.district() == null ? "the city" : department.district();
                String previous = owners.putIfAbsent(department.code(), owner);
                if (previous != null && !previous.equals(owner)) {
                    throw new IllegalArgumentException("Department code " + department.code() + " is used by "
                            + previous + " and " + owner);
                }
            }
        }
    }

    /** The registry shipped with plan-service. */
    public static CityRegistry loadDefault() {
        return new CityRegistry(CityRegistry::readResource);
    }

    /** The city's districts, as listed. */
    public List<District> districts() {
        return List.copyOf(districts.values());
    }

    /** The district of that name; one the registry does not list gets a code derived from its name. */
    public District district(String name) {
        District listed = districts.get(name);
        if (listed != null) {
            return listed;
        }
        String hash = SourceTables.sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 6).toUpperCase(Locale.ROOT);
        return new District(name, "D" + hash, false);
    }

    /** The registry of one district: its departments, the city's, and its groups. */
    public DepartmentRegistry forDistrict(String districtName) {
        return byDistrict.computeIfAbsent(districtName, this::build);
    }

    private DepartmentRegistry build(String districtName) {
        District district = district(districtName);
        List<RegistryDepartment> departments = new ArrayList<>(city);
        for (String[] row : templateDepartments) {
            departments.add(new RegistryDepartment(code(district.qualify(row[0])), row[1], DepartmentKind.valueOf(row[2]),
                    district.name()));
        }
        String own = "districts/" + district.code() + "/";
        String ownDepartments = files.read(own + "departments.tsv");
        if (ownDepartments != null) {
            for (String[] row : rows(ownDepartments, "code\tname\tkind")) {
                if (!district.bareCodes() && !row[0].startsWith(district.code() + "-")) {
                    throw new IllegalArgumentException(own + "departments.tsv: code " + row[0] + " must start with "
                            + district.code() + "-");
                }
                departments.add(new RegistryDepartment(code(row[0]), row[1], DepartmentKind.valueOf(row[2]), district.name()));
            }
        }
        Map<String, RegistryGroup> groups = new LinkedHashMap<>();
        for (String[] row : templateGroups) {
            groups.put(row[1], new RegistryGroup(code(district.qualify(row[0])), row[1], members(row[2]), district.name()));
        }
        String ownGroups = files.read(own + "groups.tsv");
        if (ownGroups != null) {
            for (String[] row : rows(ownGroups, "code\tname\tmembers")) {
                groups.put(row[1], new RegistryGroup(code(row[0]), row[1], members(row[2]), district.name()));
            }
        }
        return new DepartmentRegistry(district.name(), district.qualify("X-"), departments, List.copyOf(groups.values()));
    }

    private static List<String> members(String column) {
        return column.isBlank() ? List.of()
                : Arrays.stream(column.split(",")).map(String::strip).map(CityRegistry::code).toList();
    }

    /** The rows of a TSV file (header line first); names normalised as the registry compares them. */
    static List<String[]> rows(String tsv, String header) {
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
            rows.add(new String[] {columns[0].strip(), DepartmentRegistry.normalizeName(columns[1]), columns[2].strip()});
        }
        return rows;
    }

    private static String code(String code) {
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("Registry code must be upper-case ASCII words joined by '-': " + code);
        }
        return code;
    }

    private static String required(Files files, String path) {
        String text = files.read(path);
        if (text == null) {
            throw new IllegalStateException("Missing registry file " + CATALOGUE + path);
        }
        return text;
    }

    private static void requireUnique(Object previous, String what) {
        if (previous != null) {
            throw new IllegalArgumentException("Registry lists " + what + " twice");
        }
    }

    private static String readResource(String path) {
        try (InputStream in = CityRegistry.class.getResourceAsStream(CATALOGUE + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CATALOGUE + path, e);
        }
    }
}
