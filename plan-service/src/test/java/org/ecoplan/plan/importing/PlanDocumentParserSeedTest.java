package org.ecoplan.plan.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.catalogue.DeadlineKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlanDocumentParserSeedTest {

    private static final List<AssignmentRole> LEAD_AND_RESPONSIBLE = List.of(AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE);

    private static ParsedDocument document;

    @BeforeAll
    static void parseSeed() {
        document = SeedDocument.parsed();
    }

    @Test
    void readsTheSeedWithoutAnyProblem() {
        assertEquals(List.of(), document.problems());
        assertFalse(document.hasErrors());
    }

    @Test
    void takesYearAndEditionFromTheTitlesAndTheDistrictFromTheDefault() {
        assertEquals("延庆区", document.district());
        assertEquals(2026, document.year());
        assertEquals("征求意见稿", document.edition());
        assertEquals(List.of("持续污染防治攻坚2026年行动计划", "加快绿色低碳转型2026年行动计划", "深化协同多元共治2026年行动计划"),
                document.plans().stream().map(ParsedPlan::title).toList());
        assertEquals(List.of(1, 2, 3), document.plans().stream().map(ParsedPlan::attachment).toList());
    }

    @Test
    void findsEveryKeyTaskWithNumbersRestartingPerAttachment() {
        assertTaskNumbers(1, 45);
        assertTaskNumbers(2, 37);
        assertTaskNumbers(3, 15);
    }

    @Test
    void findsEveryMeasure() {
        assertEquals(102, plan(1).measureCount());
        assertEquals(71, plan(2).measureCount());
        assertEquals(39, plan(3).measureCount());
    }

    @Test
    void measureCountAgreesWithAnIndependentCountOfDeadlineCells() {
        // Every measure row has exactly one 完成时限 cell; counting them needs no row structure.
        Pattern deadlineCell = Pattern.compile("^\t(年底前|长期实施|持续推进|\\d+月底前|\\d+-\\d+月)$", Pattern.MULTILINE);
        long deadlineCells = deadlineCell.matcher(SeedDocument.text()).results().count();
        int measures = document.plans().stream().mapToInt(ParsedPlan::measureCount).sum();
        assertEquals(212, measures);
        assertEquals(deadlineCells, measures);
    }

    @Test
    void readsSectionsAndSubsections() {
        ParsedPlan air = plan(1);
        assertEquals(List.of("一", "二", "三"), air.sections().stream().map(ParsedSection::label).toList());
        assertEquals(List.of("共筑美丽蓝天", "建设美丽河湖", "保障净土沃壤"),
                air.sections().stream().map(ParsedSection::title).toList());
        assertEquals(List.of(6, 6, 4), air.sections().stream().map(section -> section.subsections().size()).toList());
        ParsedSection first = air.sections().get(0).subsections().get(0);
        assertEquals("（一）", first.label());
        assertEquals("空气质量目标", first.title());
        assertEquals(2, first.level());
        assertEquals(16, first.sourceLine());
        assertEquals(List.of(1, 2), first.tasks().stream().map(ParsedTask::number).toList());
        assertEquals("推动车（械）新能源化促结构减排", air.sections().get(0).subsections().get(1).title());
        assertEquals("“无废城市”建设", plan(2).sections().get(1).title());
    }

    @Test
    void keepsTasksThatSitDirectlyUnderASection() {
        ParsedSection multiParty = plan(3).sections().get(1);
        assertEquals("二", multiParty.label());
        assertEquals("多元共治加快形成绿色生产生活方式", multiParty.title());
        assertEquals(List.of(), multiParty.subsections());
        assertEquals(List.of(11, 12, 13, 14, 15), multiParty.tasks().stream().map(ParsedTask::number).toList());
    }

    @Test
    void readsTaskOneWithItsMergedDepartmentCells() {
        ParsedTask task = task(1, 1);
        assertEquals("空气质量目标", task.name());
        assertEquals(18, task.sourceLine());
        ParsedMeasure measure = only(task.measures());
        assertEquals("巩固“常态蓝”空气质量改善成效，全力推进美丽蓝天建设，完成PM2.5年均浓度26微克/立方米的目标要求，优良天数比率达到80%，"
                + "重污染天数控制在3天以内。\n各街乡镇空气质量进一步巩固改善，完成本区下达的目标要求。", measure.text());
        assertEquals("1", measure.raw().number());
        assertEquals("空气质量\n\n目标", measure.raw().task());
        assertEquals("年底前", measure.raw().deadline());

        List<ParsedRoleCell> cells = measure.raw().departmentCells();
        assertEquals(2, cells.size());
        assertEquals(LEAD_AND_RESPONSIBLE, cells.get(0).roles());
        assertEquals("区生态环境局\n各街乡镇", cells.get(0).rawText());
        assertFalse(cells.get(0).othersIncluded());
        assertEquals(List.of(AssignmentRole.ASSISTING), cells.get(1).roles());
        assertEquals("区交通局\n\n延庆公路分局\n区城市管理委\n区科信局（中关村延庆园管委会）\n\n区住房城乡建设委\n等部门",
                cells.get(1).rawText());
        assertTrue(cells.get(1).othersIncluded());
        assertFalse(cells.get(1).none());

        assertEquals(List.of("区生态环境局", "各街乡镇"), names(measure, AssignmentRole.LEAD));
        assertEquals(List.of("区生态环境局", "各街乡镇"), names(measure, AssignmentRole.RESPONSIBLE));
        // 区交通局 and 延庆公路分局 stay two departments: the joined name is unknown.
        assertEquals(List.of("区交通局", "延庆公路分局", "区城市管理委", "区科信局（中关村延庆园管委会）", "区住房城乡建设委"),
                names(measure, AssignmentRole.ASSISTING));
        ParsedAssignment group = measure.assignments(AssignmentRole.LEAD).get(1);
        assertEquals(new ParsedAssignment(AssignmentRole.LEAD, null, "各街乡镇", 2), group);
    }

    @Test
    void readsTaskThreeMeasureByMeasureAcrossItsPageBreakRepeat() {
        ParsedTask task = task(1, 3);
        assertEquals("推动机动车结构优化升级", task.name());
        assertEquals(54, task.sourceLine());
        List<ParsedMeasure> measures = task.measures();
        assertEquals(List.of(54, 69, 76, 92, 101, 112, 127, 134, 142),
                measures.stream().map(ParsedMeasure::sourceLine).toList());
        assertEquals(IntStream.rangeClosed(1, 9).boxed().toList(), measures.stream().map(ParsedMeasure::position).toList());
        List<String> openings = List.of("推动全区新能源车保有量", "聚焦商品车、生活必需品", "推进货车新能源化",
                "推动生活和建筑垃圾运输车", "推动混凝土搅拌车新能源化", "推进公共领域车新能源化", "鼓励汽车消费",
                "配合市级部门，研究摩托车", "结合现有加油站布局规划");
        for (int index = 0; index < openings.size(); index++) {
            assertTrue(measures.get(index).text().startsWith(openings.get(index)), measures.get(index).text());
        }
        assertTrue(measures.stream().allMatch(measure -> measure.deadline().end().equals(LocalDate.of(2026, 12, 31))));

        ParsedMeasure first = measures.get(0);
        assertEquals(List.of(List.of(AssignmentRole.LEAD), List.of(AssignmentRole.RESPONSIBLE), List.of(AssignmentRole.ASSISTING)),
                first.raw().departmentCells().stream().map(ParsedRoleCell::roles).toList());
        assertEquals(List.of("区发展改革委"), names(first, AssignmentRole.LEAD));
        assertEquals(List.of("区交通局", "区科信局（中关村延庆园管委会）", "区城市管理委", "区商务局", "区国资委"),
                names(first, AssignmentRole.RESPONSIBLE));
        assertTrue(first.raw().departmentCells().get(2).none());
        assertEquals(List.of(), first.assignments(AssignmentRole.ASSISTING));

        assertLeadResponsibleAssisting(measures.get(1), List.of("区交通局"), List.of("区商务局"));
        assertLeadResponsibleAssisting(measures.get(2), List.of("区交通局", "延庆公安分局"),
                List.of("区商务局", "区城市管理委", "区农业农村局", "区科信局（中关村延庆园管委会）", "区生态环境局"));
        assertLeadResponsibleAssisting(measures.get(3), List.of("区城市管理委", "延庆公安分局"), List.of("区交通局"));
        assertLeadResponsibleAssisting(measures.get(4), List.of("区住房城乡建设委", "延庆公安分局"), List.of("区交通局"));
        assertEquals("推动混凝土搅拌车新能源化。研究制定实施新能源混凝土搅拌车优先通行政策。完善《绿色施工管理规程》，鼓励新能源混凝土搅拌车，"
                + "以及新能源挖掘机、装载机等非道路移动机械“应用尽用”。\n至少选取1家混凝土搅拌站开展先行先试，进出搅拌站的牵引车、"
                + "混凝土搅拌车等车辆基本为新能源。", measures.get(4).text());
        // the page-break repeat row keeps its own raw number and name
        assertEquals("3", measures.get(5).raw().number());
        assertEquals("推动机动车\n\n结构优化升级", measures.get(5).raw().task());
        assertLeadResponsibleAssisting(measures.get(5), List.of("区交通局", "区城市管理委", "区商务局", "区机关事务中心"), List.of());
        assertLeadResponsibleAssisting(measures.get(6), List.of("区商务局"), List.of());
        assertLeadResponsibleAssisting(measures.get(7), List.of("区交通局", "延庆公安分局"), List.of());
        // 市规划自然资源委 / 延庆分局 is one department broken over two lines
        assertLeadResponsibleAssisting(measures.get(8), List.of("区城市管理委"), List.of("市规划自然资源委延庆分局"));
        assertEquals("市规划自然资源委\n\n延庆分局", measures.get(8).raw().departmentCells().get(1).rawText());
    }

    @Test
    void mergesPageBreakRepeatsWhoseNameIsBrokenDifferently() {
        // 附件3 task 9 is printed as 建设\n\n美丽乡村 and, after the page break, as 建设美丽\n\n乡村.
        ParsedTask village = task(3, 9);
        assertEquals("建设美丽乡村", village.name());
        assertEquals(4, village.measures().size());
        assertEquals("建设美丽\n\n乡村", village.measures().get(1).raw().task());
        // 附件2 task 36 repeats after one of its further-measure rows.
        assertEquals(List.of(1903, 1910, 1930, 1939), task(2, 36).measures().stream().map(ParsedMeasure::sourceLine).toList());
        // every task that the document repeats after a page break, with its measure count
        assertEquals(List.of(9, 5, 5, 4, 2, 2), measureCounts(1, 3, 4, 6, 18, 24, 43));
        assertEquals(List.of(3, 3, 2, 2, 4), measureCounts(2, 7, 18, 20, 23, 36));
        assertEquals(List.of(4, 4), measureCounts(3, 2, 9));
    }

    @Test
    void joinsADepartmentNameBrokenOverTwoLinesOnlyWhenTheRegistryKnowsTheJoinedName() {
        ParsedMeasure complaints = task(3, 10).measures().get(3);
        assertEquals("区城市管理指挥\n\n中心\n\n区信访办", complaints.raw().departmentCells().get(1).rawText());
        assertEquals(List.of("区城市管理指挥中心", "区信访办"), names(complaints, AssignmentRole.ASSISTING));

        ParsedMeasure environmentTarget = task(1, 20).measures().get(0);
        assertEquals(List.of("市规划自然资源委延庆分局", "区农业农村局"), names(environmentTarget, AssignmentRole.ASSISTING));

        ParsedMeasure nitrogen = task(1, 2).measures().get(0);
        assertEquals(List.of("区交通局", "延庆公路分局", "区城市管理委", "区科信局（中关村延庆园管委会）", "区住房城乡建设委"),
                names(nitrogen, AssignmentRole.ASSISTING));
        assertTrue(nitrogen.raw().departmentCells().get(1).othersIncluded());
    }

    @Test
    void readsEveryGroupAsAGroup() {
        assertGroup(task(1, 22).measures().get(0), AssignmentRole.ASSISTING, "各乡镇");
        assertGroup(task(1, 22).measures().get(1), AssignmentRole.ASSISTING, "相关乡镇");
        assertGroup(task(1, 17).measures().get(0), AssignmentRole.ASSISTING, "相关街乡镇");
        assertGroup(task(1, 13).measures().get(1), AssignmentRole.LEAD, "各街乡镇");
        assertGroup(task(2, 3).measures().get(0), AssignmentRole.ASSISTING, "有关部门");
        assertGroup(task(3, 9).measures().get(3), AssignmentRole.ASSISTING, "相关部门");
        assertGroup(task(3, 2).measures().get(1), AssignmentRole.RESPONSIBLE, "区空气重污染应急指挥部成员单位");
        Map<String, Long> groupUses = allMeasures().stream().flatMap(measure -> measure.assignments().stream())
                .filter(ParsedAssignment::isGroup)
                .collect(Collectors.groupingBy(ParsedAssignment::groupName, Collectors.counting()));
        assertEquals(Set.of("各街乡镇", "各乡镇", "相关乡镇", "相关街乡镇", "有关部门", "相关部门", "区空气重污染应急指挥部成员单位"),
                groupUses.keySet());
        assertTrue(allMeasures().stream().flatMap(measure -> measure.assignments().stream())
                .allMatch(assignment -> (assignment.departmentName() == null) != (assignment.groupName() == null)));
    }

    @Test
    void readsDashAsNobody() {
        ParsedMeasure measure = task(1, 21).measures().get(0);
        ParsedRoleCell assisting = measure.raw().departmentCells().get(1);
        assertTrue(assisting.none());
        assertEquals("——", assisting.rawText());
        assertEquals(List.of(), measure.assignments(AssignmentRole.ASSISTING));
        assertEquals(List.of("区生态环境局"), names(measure, AssignmentRole.LEAD));
    }

    @Test
    void readsEveryDeadlineForm() {
        Map<String, List<ParsedDeadline>> byLabel = allMeasures().stream().map(ParsedMeasure::deadline)
                .collect(Collectors.groupingBy(ParsedDeadline::label));
        assertEquals(Set.of("年底前", "6月底前", "6-9月", "长期实施", "持续推进"), byLabel.keySet());
        assertEquals(167, byLabel.get("年底前").size());
        assertEquals(25, byLabel.get("长期实施").size());
        assertEquals(18, byLabel.get("持续推进").size());

        assertEquals(new ParsedDeadline(DeadlineKind.DATE, null, LocalDate.of(2026, 12, 31), "年底前"),
                task(1, 1).measures().get(0).deadline());
        assertEquals(new ParsedDeadline(DeadlineKind.DATE, null, LocalDate.of(2026, 6, 30), "6月底前"),
                task(1, 30).measures().get(1).deadline());
        assertEquals(new ParsedDeadline(DeadlineKind.WINDOW, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 9, 30), "6-9月"),
                task(1, 5).measures().get(0).deadline());
        assertEquals(new ParsedDeadline(DeadlineKind.ONGOING, null, null, "长期实施"), task(1, 4).measures().get(2).deadline());
        assertEquals(new ParsedDeadline(DeadlineKind.ONGOING, null, null, "持续推进"), task(2, 37).measures().get(0).deadline());
    }

    @Test
    void extractsTimingHintsFromMeasureTexts() {
        assertEquals(List.of("3-5月为重点"), task(1, 10).measures().get(1).timingHints());
        assertEquals(List.of("每月", "每季度"), task(1, 12).measures().get(1).timingHints());
        assertEquals(List.of("每年5月底前"), task(2, 37).measures().get(0).timingHints());
        assertEquals(List.of("9月底前"), task(3, 9).measures().get(3).timingHints());
        assertEquals(List.of("汛期前"), task(1, 30).measures().get(1).timingHints());
        assertEquals(List.of(), task(1, 1).measures().get(0).timingHints());
    }

    @Test
    void readsTheIndicatorTableWithItsCategories() {
        List<ParsedIndicator> indicators = document.indicators();
        assertEquals(IntStream.rangeClosed(1, 22).boxed().toList(), indicators.stream().map(ParsedIndicator::number).toList());
        Map<String, List<Integer>> byCategory = indicators.stream().collect(Collectors.groupingBy(
                ParsedIndicator::category, Collectors.mapping(ParsedIndicator::number, Collectors.toList())));
        assertEquals(Map.of("约束性指标", IntStream.rangeClosed(1, 12).boxed().toList(),
                "结构减排", List.of(13, 14, 15),
                "工程减排", List.of(16, 17, 18),
                "管理减排", List.of(19, 20, 21, 22)), byCategory);
        assertEquals("", indicators.get(1).raw().category());

        ParsedIndicator pm25 = indicators.get(0);
        assertEquals("PM2.5年均浓度", pm25.name());
        assertEquals("26微克/立方米", pm25.target());
        assertEquals(List.of("区生态环境局"), pm25.lead().stream().map(ParsedAssignment::name).toList());
        assertEquals(List.of("区交通局", "延庆公路分局", "区城市管理委", "区科信局（中关村延庆园管委会）", "区住房城乡建设委", "各街乡镇"),
                pm25.cooperating().stream().map(ParsedAssignment::name).toList());
        assertTrue(pm25.cooperating().get(5).isGroup());
        assertTrue(pm25.raw().cooperating().othersIncluded()); // written 各街乡镇等部门 on one line
        assertTrue(pm25.cooperating().stream().allMatch(assignment -> assignment.role() == AssignmentRole.ASSISTING));
        assertTrue(pm25.lead().stream().allMatch(assignment -> assignment.role() == AssignmentRole.LEAD));

        ParsedIndicator nitrogen = indicators.get(6);
        assertEquals("氮氧化物重点工程累计减排量", nitrogen.name());
        assertEquals("氮氧化物\n\n重点工程累计减排量", nitrogen.raw().name());
        assertEquals("达到市级要求", nitrogen.target());
        assertEquals("区住房城乡建设委", nitrogen.cooperating().get(4).name()); // written 区住房城乡建设委等部门
        assertTrue(nitrogen.raw().cooperating().othersIncluded());

        ParsedIndicator water = indicators.get(3);
        assertEquals(List.of("区生态环境局", "区水务局"), water.lead().stream().map(ParsedAssignment::name).toList());
        assertEquals(List.of("市规划自然资源委延庆分局", "区农业农村局"),
                water.cooperating().stream().map(ParsedAssignment::name).toList());

        ParsedIndicator landfill = indicators.get(10);
        assertEquals("保持零填埋", landfill.target());
        assertTrue(landfill.raw().cooperating().none());
        assertEquals(List.of(), landfill.cooperating());
        assertEquals(2548, landfill.sourceLine());
        assertEquals(List.of("永宁镇", "区生态环境局"), indicators.get(20).lead().stream().map(ParsedAssignment::name).toList());
    }

    @Test
    void parsesDeterministically() {
        assertEquals(document, SeedDocument.parsed());
    }

    // ---- helpers

    private static void assertTaskNumbers(int attachment, int count) {
        assertEquals(IntStream.rangeClosed(1, count).boxed().toList(),
                plan(attachment).tasks().stream().map(ParsedTask::number).toList());
    }

    private static void assertLeadResponsibleAssisting(ParsedMeasure measure, List<String> leadAndResponsible,
                                                       List<String> assisting) {
        assertEquals(LEAD_AND_RESPONSIBLE, measure.raw().departmentCells().get(0).roles());
        assertEquals(leadAndResponsible, names(measure, AssignmentRole.LEAD));
        assertEquals(leadAndResponsible, names(measure, AssignmentRole.RESPONSIBLE));
        assertEquals(assisting, names(measure, AssignmentRole.ASSISTING));
        assertEquals(assisting.isEmpty(), measure.raw().departmentCells().get(1).none());
    }

    private static void assertGroup(ParsedMeasure measure, AssignmentRole role, String group) {
        assertTrue(measure.assignments(role).stream()
                .anyMatch(assignment -> group.equals(assignment.groupName()) && assignment.departmentName() == null),
                () -> group + " as " + role + " in " + measure.assignments());
    }

    private static List<String> names(ParsedMeasure measure, AssignmentRole role) {
        return measure.assignments(role).stream().map(ParsedAssignment::name).toList();
    }

    private static List<Integer> measureCounts(int attachment, int... numbers) {
        return IntStream.of(numbers).mapToObj(number -> task(attachment, number).measures().size()).toList();
    }

    private static <T> T only(List<T> list) {
        assertEquals(1, list.size());
        return list.get(0);
    }

    private static ParsedPlan plan(int attachment) {
        return document.plan(attachment).orElseThrow();
    }

    private static ParsedTask task(int attachment, int number) {
        return plan(attachment).task(number).orElseThrow();
    }

    private static List<ParsedMeasure> allMeasures() {
        return document.plans().stream().flatMap(plan -> plan.tasks().stream())
                .flatMap(task -> task.measures().stream()).toList();
    }
}
