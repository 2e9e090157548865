package org.ecoplan.plan.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.catalogue.DeadlineKind;
import org.junit.jupiter.api.Test;

/** Damaged documents give ERROR problems (with their lines) instead of silent guesses, and the parser never throws. */
class PlanDocumentParserProblemTest {

    private static final String PLAN_HEADER = "\t序号\n\t重点任务\n\t工作措施\n\t完成时限\n\t牵头部门\n\t主责单位\n\t协办单位\n\n";
    private static final String INDICATOR_HEADER = "\t序号\n\t类别\n\t指标名称\n\t年终目标\n\t牵头部门\n\t配合部门\n\n";

    private final PlanDocumentParser parser = new PlanDocumentParser(CityRegistry.loadDefault());

    @Test
    void reportsAnUnknownDeadlineFormInsteadOfGuessingADate() {
        String damaged = replaceOnce(SeedDocument.text(), "\t6-9月\n", "\t夏季\n");
        ParsedDocument document = parser.parse(damaged);

        assertEquals(List.of(new ImportProblem(214, ImportProblem.Severity.ERROR,
                "Unknown deadline '夏季'; known forms: 年底前, N月底前, N-M月, 长期实施, 持续推进")), document.problems());
        ParsedMeasure measure = document.plan(1).orElseThrow().task(5).orElseThrow().measures().get(0);
        assertNull(measure.deadline());
        assertEquals("夏季", measure.raw().deadline());
    }

    @Test
    void refusesDeadlinesOutsideTheRangeEveryReplicaStores() {
        // A typo in the title's year: the deadlines would fall in 2206, which no consumer accepts.
        String text = plan("""
                \t一、共筑美丽蓝天

                \t1
                \t任务
                \t措施
                \t年底前
                \t区生态环境局
                \t——
                """).replace("2026年", "2206年");
        ParsedDocument document = parser.parse(text);

        assertEquals(List.of(new ImportProblem(16, ImportProblem.Severity.ERROR, "Deadline '年底前' of plan year 2206: end "
                + "must be a date from 2000-01-01 to 2100-12-31 / 日期须在2000-01-01至2100-12-31之间")), document.errors());
        assertNull(document.plans().get(0).task(1).orElseThrow().measures().get(0).deadline());
    }

    @Test
    void reportsARowWithAMissingCellInsteadOfShiftingColumns() {
        // task 3's second measure loses its 完成时限 cell: 5 cells, and which one is missing cannot be known
        String damaged = replaceOnce(SeedDocument.text(), "进一步提升货物到发绿色运输比例。\n\t年底前\n", "进一步提升货物到发绿色运输比例。\n");
        ParsedDocument document = parser.parse(damaged);

        assertEquals(1, document.problems().size());
        ImportProblem problem = document.problems().get(0);
        assertEquals(ImportProblem.Severity.ERROR, problem.severity());
        assertEquals(69, problem.line());
        assertTrue(problem.message().startsWith("Row has 5 cells"), problem.message());
        assertEquals(8, document.plan(1).orElseThrow().task(3).orElseThrow().measures().size());
    }

    @Test
    void reportsTwoRowsRunTogetherWhenTheRowSeparatorIsLost() {
        String damaged = replaceOnce(SeedDocument.text(), "\t区商务局\n\n\t\n\t\n\t推进货车新能源化", "\t区商务局\n\t\n\t\n\t推进货车新能源化");
        ParsedDocument document = parser.parse(damaged);

        assertEquals(List.of(69), document.errors().stream().map(ImportProblem::line).toList());
        assertTrue(document.errors().get(0).message().startsWith("Row has 12 cells"));
    }

    @Test
    void reportsDepartmentsMissingFromTheRegistryAsWarningsAndImportsThemAsWritten() {
        String text = plan("""
                \t一、共筑美丽蓝天

                \t1
                \t任务
                \t措施
                \t年底前
                \t区生态环境局
                区宇宙局
                \t——
                """);
        ParsedDocument document = parser.parse(text);

        assertEquals(List.of(new ImportProblem(18, ImportProblem.Severity.WARNING,
                "Department '区宇宙局' is not in the registry; imported as written")), document.problems());
        assertFalse(document.hasErrors());
        ParsedMeasure measure = document.plans().get(0).task(1).orElseThrow().measures().get(0);
        assertEquals(List.of("区生态环境局", "区宇宙局"),
                measure.assignments(AssignmentRole.LEAD).stream().map(ParsedAssignment::departmentName).toList());
    }

    @Test
    void reportsBrokenTaskStructure() {
        String text = plan("""
                \t一、共筑美丽蓝天

                \t
                \t
                \t没有任务的措施
                \t年底前
                \t区生态环境局
                \t——

                \t1
                \t任务甲
                \t措施一
                \t年底前
                \t区生态环境局
                \t——

                \t1
                \t任务乙
                \t措施二
                \t年底前
                \t区生态环境局
                \t——

                \t3
                \t任务丙
                \t措施三
                \t年底前
                \t区生态环境局
                \t——

                \t
                \t任务丁
                \t措施四
                \t年底前
                \t区生态环境局
                \t——

                \t第四部分
                """);
        ParsedDocument document = parser.parse(text);

        assertEquals(List.of(
                "13: Row without task number and name has no task above it",
                "27: Task 1 is repeated as '任务乙' but was named '任务甲' at line 20",
                "34: Task number 3 follows 1; numbers must run on by one",
                "41: Row has a task name but no number; a row needs both or neither",
                "48: One-cell row '第四部分' is neither a section (一、…) nor a subsection (（一）…)"),
                document.problems().stream().map(problem -> problem.line() + ": " + problem.message()).toList());
        assertTrue(document.problems().stream().allMatch(problem -> problem.severity() == ImportProblem.Severity.ERROR));
        assertEquals(List.of(1, 3), document.plans().get(0).tasks().stream().map(ParsedTask::number).toList());
    }

    @Test
    void reportsAnEmptyDepartmentCellAndATaskOutsideAnySection() {
        String text = plan("""
                \t1
                \t任务
                \t措施
                \t年底前
                \t
                \t——
                """);
        ParsedDocument document = parser.parse(text);

        assertEquals(List.of(
                "11: Row comes before any section (一、…); kept in an untitled section",
                "15: Department cell for [LEAD, RESPONSIBLE] is empty",
                "15: Measure of task 1 names no lead department"),
                document.problems().stream().map(problem -> problem.line() + ": " + problem.message()).toList());
    }

    @Test
    void cannotDateDeadlinesWithoutAPlanYear() {
        String text = "附件1\n\n持续污染防治攻坚行动计划\n\n" + PLAN_HEADER + """
                \t一、共筑美丽蓝天

                \t1
                \t任务
                \t措施一
                \t年底前
                \t区生态环境局
                \t——

                \t
                \t
                \t措施二
                \t长期实施
                \t区生态环境局
                \t——
                """;
        ParsedDocument document = parser.parse(text);

        assertEquals(0, document.year());
        assertNull(document.edition());
        assertEquals(List.of(
                "0: No attachment title names the plan year (e.g. 2026年)",
                "18: Unknown deadline '年底前' (no plan year to date it); known forms: 年底前, N月底前, N-M月, 长期实施, 持续推进"),
                document.problems().stream().map(problem -> problem.line() + ": " + problem.message()).toList());
        assertEquals(DeadlineKind.ONGOING,
                document.plans().get(0).task(1).orElseThrow().measures().get(1).deadline().kind());
    }

    @Test
    void reportsAnUnknownTableHeaderAndBrokenIndicatorRows() {
        String text = plan("\t一、共筑美丽蓝天\n")
                + "\n\n附件4\n\n2026年指标（征求意见稿）\n\n" + INDICATOR_HEADER + """
                \t1
                \t
                \tPM2.5年均浓度
                \t26微克/立方米
                \t区生态环境局
                \t——

                \t2
                \t约束性指标
                \t优良天数比率
                \t区生态环境局
                \t——

                """
                + "\n附件5\n\n别的表格（征求意见稿）\n\n\t甲\n\t乙\n";
        ParsedDocument document = parser.parse(text);

        assertEquals(List.of(
                "25: Indicator 1 has no category and none above",
                "32: Indicator row has 5 cells; expected 6 [序号, 类别, 指标名称, 年终目标, 牵头部门, 配合部门]",
                "43: 附件5 has an unknown table header [甲, 乙]; expected [序号, 重点任务, 工作措施, 完成时限, 牵头部门, 主责单位, "
                        + "协办单位] or [序号, 类别, 指标名称, 年终目标, 牵头部门, 配合部门]"),
                document.problems().stream().map(problem -> problem.line() + ": " + problem.message()).toList());
        assertEquals(1, document.indicators().size());
        assertNull(document.indicators().get(0).category());
    }

    @Test
    void neverThrowsOnTextThatIsNoDocumentAtAll() {
        for (String text : new String[] {null, "", "\n\n", "随便一段文字", "\t\t\t", "附件1\n\t"}) {
            ParsedDocument document = parser.parse(text);
            assertTrue(document.hasErrors(), () -> "no error for " + text);
            assertEquals(PlanDocumentParser.DEFAULT_DISTRICT, document.district());
        }
    }

    @Test
    void takesTheDistrictFromATitleThatNamesIt() {
        String text = "附件1\n\n门头沟区持续污染防治攻坚2027年行动计划\n\n" + PLAN_HEADER + "\t一、共筑美丽蓝天\n";
        ParsedDocument document = parser.parse(text, "延庆区");

        assertEquals("门头沟区", document.district());
        assertEquals(2027, document.year());
        assertNull(document.edition());
        assertEquals("门头沟区持续污染防治攻坚2027年行动计划", document.plans().get(0).title());
        assertEquals("怀柔区", parser.parse(plan("\t一、共筑美丽蓝天\n"), "怀柔区").district());
    }

    /** 附件1 with its title (lines 1-2), header (lines 3-9) and an empty line: the given rows start on line 11. */
    private static String plan(String rows) {
        return "附件1\n持续污染防治攻坚2026年行动计划（征求意见稿）\n" + PLAN_HEADER.replace("\n\n", "\n") + "\n" + rows;
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int index = text.indexOf(target);
        assertTrue(index >= 0 && text.indexOf(target, index + 1) < 0, () -> "not exactly once: " + target);
        return text.substring(0, index) + replacement + text.substring(index + target.length());
    }
}
