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
    void rejectsMalformedRegistryFiles() {
        String groups = "code\tname\tmembers\n";
        assertThrows(IllegalArgumentException.class,
                () -> DepartmentRegistry.fromTsv("code\tname\tkind\nENV\t区生态环境局\tDISTRICT_AGENCY\nENV\t区交通局\tDISTRICT_AGENCY\n", groups));
        assertThrows(IllegalArgumentException.class,
                () -> DepartmentRegistry.fromTsv("code\tname\tkind\nenv\t区生态环境局\tDISTRICT_AGENCY\n", groups));
        assertThrows(IllegalArgumentException.class,
                () -> DepartmentRegistry.fromTsv("code\tname\tkind\nENV\t区生态环境局\tMINISTRY\n", groups));
        assertThrows(IllegalArgumentException.class,
                () -> DepartmentRegistry.fromTsv("name\tcode\tkind\n", groups));
        assertThrows(IllegalArgumentException.class, () -> DepartmentRegistry.fromTsv(
                "code\tname\tkind\nENV\t区生态环境局\tDISTRICT_AGENCY\n", groups + "ALL\t各街乡镇\tENV,NOPE\n"));
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
