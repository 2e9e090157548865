package org.ecoplan.plan.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecoplan.plan.department.DepartmentKind;
import org.junit.jupiter.api.Test;

class DepartmentRegistryTest {

    private static final List<String> SUBDISTRICTS = List.of("百泉街道", "香水园街道", "儒林街道");
    private static final List<String> TOWNS = List.of("延庆镇", "康庄镇", "八达岭镇", "永宁镇", "旧县镇", "张山营镇", "四海镇",
            "千家店镇", "沈家营镇", "大榆树镇", "井庄镇");
    private static final List<String> TOWNSHIPS = List.of("刘斌堡乡", "大庄科乡", "香营乡", "珍珠泉乡");

    private final DepartmentRegistry registry = DepartmentRegistry.loadDefault();

    @Test
    void holdsTheEighteenSubdistrictsTownsAndTownships() {
        assertKind(SUBDISTRICTS, DepartmentKind.SUBDISTRICT);
        assertKind(TOWNS, DepartmentKind.TOWN);
        assertKind(TOWNSHIPS, DepartmentKind.TOWNSHIP);
        assertEquals("YONGNING", registry.byName("永宁镇").orElseThrow().code());
        assertEquals("BAIQUAN", registry.byName("百泉街道").orElseThrow().code());
    }

    @Test
    void holdsEveryDepartmentTheSeedNamesWithStableReadableCodes() {
        Map<String, String> codes = registry.departments().stream()
                .collect(Collectors.toMap(RegistryDepartment::name, RegistryDepartment::code));
        assertEquals("ENV", codes.get("区生态环境局"));
        assertEquals("TRANSPORT", codes.get("区交通局"));
        assertEquals("YANQING-HIGHWAY", codes.get("延庆公路分局"));
        assertEquals(DepartmentKind.CITY_BRANCH, registry.byName("市规划自然资源委延庆分局").orElseThrow().kind());
        assertEquals(DepartmentKind.CITY_BRANCH, registry.byName("延庆公安分局").orElseThrow().kind());
        assertEquals(48, registry.departments().size());
        assertEquals(registry.departments().size(), new HashSet<>(codes.values()).size());

        Set<String> named = SeedDocument.parsed().plans().stream().flatMap(plan -> plan.tasks().stream())
                .flatMap(task -> task.measures().stream()).flatMap(measure -> measure.assignments().stream())
                .filter(assignment -> !assignment.isGroup()).map(ParsedAssignment::departmentName)
                .collect(Collectors.toSet());
        assertTrue(named.stream().allMatch(name -> registry.byName(name).isPresent()), named::toString);
        assertEquals(31, named.size()); // 30 agencies and branches, and 永宁镇
    }

    @Test
    void definesTheGroupsWithTheirMembers() {
        RegistryGroup all = registry.groupByName("各街乡镇").orElseThrow();
        assertEquals(18, all.memberCodes().size());
        assertEquals(Set.copyOf(codesOf(SUBDISTRICTS, TOWNS, TOWNSHIPS)), Set.copyOf(all.memberCodes()));
        assertEquals(Set.copyOf(codesOf(List.of(), TOWNS, TOWNSHIPS)),
                Set.copyOf(registry.groupByName("各乡镇").orElseThrow().memberCodes()));
        for (String open : List.of("相关乡镇", "相关街乡镇", "有关部门", "相关部门", "区空气重污染应急指挥部成员单位")) {
            assertTrue(registry.groupByName(open).orElseThrow().isOpen(), open);
        }
        assertEquals(7, registry.groups().size());
    }

    @Test
    void findsNamesWrittenWithSpacesOrAsciiBrackets() {
        assertEquals("SCI-TECH", registry.byName("区科信局(中关村延庆园管委会)").orElseThrow().code());
        assertEquals("ENV", registry.byName(" 区生态 环境局\u3000").orElseThrow().code());
        assertEquals(Optional.empty(), registry.byName("区交通局延庆公路分局"));
        assertTrue(registry.knows("区城市管理指挥中心"));
        assertTrue(registry.knows("各街乡镇"));
    }

    @Test
    void givesEveryDistrictItsOwnDepartmentsAndGroupsAndTheCityItsOwn() {
        CityRegistry city = CityRegistry.loadDefault();
        DepartmentRegistry miyun = city.forDistrict("密云区");
        assertEquals("MY-ENV", miyun.byName("区生态环境局").orElseThrow().code());
        assertEquals("密云区", miyun.byName("区生态环境局").orElseThrow().district());
        assertEquals("ENV", registry.byName("区生态环境局").orElseThrow().code());
        assertEquals("延庆区", registry.byName("区生态环境局").orElseThrow().district());
        // The city's own department is the same one in every district's registry.
        RegistryDepartment planning = miyun.byName("市规划自然资源委延庆分局").orElseThrow();
        assertEquals(registry.byName("市规划自然资源委延庆分局").orElseThrow(), planning);
        assertEquals(null, planning.district());
        // 延庆区's towns, 延庆公安分局 and group members are its own: not 密云区's.
        assertEquals(Optional.empty(), miyun.byName("永宁镇"));
        assertEquals(Optional.empty(), miyun.byName("延庆公安分局"));
        assertEquals("MY-ALL-SUBDISTRICTS-TOWNS", miyun.groupByName("各街乡镇").orElseThrow().code());
        assertTrue(miyun.groupByName("各街乡镇").orElseThrow().isOpen());
        // Unlisted names get codes of their district; a district the registry does not list, a derived code.
        assertTrue(miyun.codeForUnlisted("某某局").startsWith("MY-X-"), miyun.codeForUnlisted("某某局"));
        assertTrue(registry.codeForUnlisted("某某局").startsWith("X-"));
        assertEquals(registry.codeForUnlisted("某某 局"), registry.codeForUnlisted("某某局"));
        String unlisted = city.forDistrict("基准区7").byName("区生态环境局").orElseThrow().code();
        assertTrue(unlisted.matches("D[0-9A-F]{6}-ENV"), unlisted);
        assertEquals(unlisted, CityRegistry.loadDefault().forDistrict("基准区7").byName("区生态环境局").orElseThrow().code());
        // Codes are unique across the city's sixteen districts and the city.
        Map<String, String> owners = new java.util.HashMap<>();
        for (CityRegistry.District district : city.districts()) {
            for (RegistryDepartment department : city.forDistrict(district.name()).departments()) {
                String owner = department.district() == null ? "city" : department.district();
                String previous = owners.putIfAbsent(department.code(), owner);
                assertTrue(previous == null || previous.equals(owner), department.code());
            }
        }
        assertEquals(16, city.districts().size());
        assertEquals(1 + 16 * 26 + 21, owners.size());
    }

    @Test
    void rejectsMalformedRegistryFiles() {
        Map<String, String> valid = Map.of(
                "districts.tsv", "name\tcode\tcodes\n延庆区\tYQ\tbare\n密云区\tMY\tprefixed\n",
                "city-departments.tsv", "code\tname\tkind\n",
                "district-departments.tsv", "code\tname\tkind\nENV\t区生态环境局\tDISTRICT_AGENCY\n",
                "district-groups.tsv", "code\tname\tmembers\nALL\t各街乡镇\t\n",
                "districts/YQ/departments.tsv", "code\tname\tkind\nYONGNING\t永宁镇\tTOWN\n",
                "districts/YQ/groups.tsv", "code\tname\tmembers\nALL\t各街乡镇\tYONGNING\n");
        assertEquals(List.of("YONGNING"), new CityRegistry(files(valid, Map.of())).forDistrict("延庆区")
                .groupByName("各街乡镇").orElseThrow().memberCodes());
        for (Map<String, String> broken : List.of(
                Map.of("district-departments.tsv", "code\tname\tkind\nENV\t区生态环境局\tDISTRICT_AGENCY\nENV\t区交通局\tDISTRICT_AGENCY\n"),
                Map.of("district-departments.tsv", "code\tname\tkind\nenv\t区生态环境局\tDISTRICT_AGENCY\n"),
                Map.of("district-departments.tsv", "code\tname\tkind\nENV\t区生态环境局\tMINISTRY\n"),
                Map.of("district-departments.tsv", "name\tcode\tkind\n"),
                Map.of("districts.tsv", "name\tcode\tcodes\n延庆区\tYQ\tshort\n"),
                // a group of 延庆区 naming a department it does not have
                Map.of("districts/YQ/groups.tsv", "code\tname\tmembers\nALL\t各街乡镇\tYONGNING,NOPE\n"),
                // 密云区's own codes must carry its prefix
                Map.of("districts/MY/departments.tsv", "code\tname\tkind\nXIWENGZHUANG\t溪翁庄镇\tTOWN\n"),
                // two districts with the same code: 延庆区's bare ENV and a city department ENV
                Map.of("city-departments.tsv", "code\tname\tkind\nENV\t市生态环境局\tCITY_BRANCH\n"))) {
            assertThrows(IllegalArgumentException.class, () -> new CityRegistry(files(valid, broken)), broken::toString);
        }
    }

    private static CityRegistry.Files files(Map<String, String> valid, Map<String, String> changes) {
        Map<String, String> all = new java.util.HashMap<>(valid);
        all.putAll(changes);
        return all::get;
    }

    private void assertKind(List<String> names, DepartmentKind kind) {
        for (String name : names) {
            assertEquals(kind, registry.byName(name).orElseThrow(() -> new AssertionError(name)).kind(), name);
        }
    }

    @SafeVarargs
    private List<String> codesOf(List<String>... nameLists) {
        return java.util.Arrays.stream(nameLists).flatMap(List::stream)
                .map(name -> registry.byName(name).orElseThrow().code()).toList();
    }
}
