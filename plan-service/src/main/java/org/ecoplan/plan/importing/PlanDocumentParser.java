package org.ecoplan.plan.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text export of the plan document (four Word tables: 附件1-3 plan tables, 附件4 indicator table) into a
 * {@link ParsedDocument}. It never throws on bad content and never guesses: whatever it cannot read becomes an
 * {@link ImportProblem} with its 1-based source line. The same text always gives the same result.
 *
 * <h2>Text format</h2>
 * A line starting with a TAB starts a cell, other lines continue it; an empty line followed by a TAB line ends a
 * row (see {@link TableText}). A line {@code 附件N} starts an attachment, the lines up to its table are its title
 * (year, e.g. 2026年, and edition, e.g. （征求意见稿）, come from the titles). The table's header row says which
 * kind of table it is.
 *
 * <h2>Plan tables</h2>
 * Columns 序号, 重点任务, 工作措施, 完成时限, 牵头部门, 主责单位, 协办单位. A one-cell row is a section
 * ({@code 一、…}) or subsection ({@code （一）…}). A row whose first two cells are empty is a further measure of the
 * task above. A row repeating the number and name of the task above (after a page break) adds a measure to that
 * task. Task numbers must run 1, 2, 3… within each plan (they restart with each attachment).
 *
 * <h2>Horizontally merged department cells</h2>
 * A row has either 7 cells, one per column, or 6 cells: 序号 to 完成时限 and two department cells. In a 6-cell
 * row <b>the first department cell spans 牵头部门 and 主责单位 and the second is 协办单位</b>. The document
 * supports this reading, not the other one (牵头部门 alone, then 主责单位+协办单位 merged):
 * <ul>
 *   <li>In the 7-cell rows the 主责单位 cell is never {@code ——}, while the 协办单位 cell often is (18 of 29).
 *       In the 6-cell rows the second cell is {@code ——} in 94 of 183: it behaves like 协办单位.</li>
 *   <li>The indicator table (牵头部门, 配合部门) restates some measures. Where the measure has 7 cells, the
 *       indicator's 配合 come from the measure's 主责单位 (indicators 14, 16, 19). For A/B 级锅炉 (indicator 18,
 *       fourth measure of 附件1 task 6, a 6-cell row) it lists 区城市管理委, 区科信局 and 区交通局 as 配合, not
 *       lead; in the measure they stand in the first of the two cells, which therefore holds 主责单位 as well as
 *       牵头部门.</li>
 *   <li>A cell spanning 主责单位 and 协办单位 would not say who is responsible and who assists; a cell spanning
 *       牵头部门 and 主责单位 says the lead department carries the measure out itself.</li>
 * </ul>
 * The spanned columns are kept on {@link ParsedRoleCell#roles()}; the flat {@link ParsedMeasure#assignments()}
 * list each name of a spanning cell once per spanned column (LEAD and RESPONSIBLE). Rows with any other number of
 * cells are ERRORs: which cell would be missing cannot be known.
 *
 * <h2>Indicator table</h2>
 * Columns 序号, 类别, 指标名称, 年终目标, 牵头部门, 配合部门; an empty 类别 continues the category above. Lead names
 * get role LEAD, co-operating names role ASSISTING.
 *
 * <h2>Repeated header rows</h2>
 * A body row whose cells equal the header row is the header Word repeats at the top of a page; it is skipped.
 *
 * <h2>Departments</h2>
 * Read by {@link DepartmentCellReader} against the document's district's {@link DepartmentRegistry} (of the
 * {@link CityRegistry}): names missing from it are
 * WARNINGs and are imported as written. Deadlines are read by {@link DeadlineReader}; an unknown form is an ERROR.
 */
public final class PlanDocumentParser {

    /** The district whose catalogue (departments, towns) plan-service ships; used when no title names one. */
    public static final String DEFAULT_DISTRICT = "延庆区";

    static final List<String> PLAN_HEADER = List.of("序号", "重点任务", "工作措施", "完成时限", "牵头部门", "主责单位", "协办单位");
    static final List<String> INDICATOR_HEADER = List.of("序号", "类别", "指标名称", "年终目标", "牵头部门", "配合部门");

    private static final Pattern YEAR = Pattern.compile("(\\d{4})年");
    private static final Pattern EDITION = Pattern.compile("(.*?)[（(]([^（）()]*稿)[）)]\\s*");
    private static final Pattern DISTRICT = Pattern.compile("(?:北京市)?(\\p{IsHan}{2,3}?区)");

    private final CityRegistry registry;

    public PlanDocumentParser(CityRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Parses the document; the district is {@value #DEFAULT_DISTRICT} unless a title names another. */
    public ParsedDocument parse(String documentText) {
        return parse(documentText, DEFAULT_DISTRICT);
    }

    /** Parses the document; the district is taken from a title that starts with it, else defaultDistrict. */
    public ParsedDocument parse(String documentText, String defaultDistrict) {
        return parse(SourceTables.ofText(documentText == null ? "" : documentText), defaultDistrict);
    }

    /**
     * Parses tables read from any source (a text export, a Word document) by the same rules; the source's own
     * problems (e.g. a cell a Word file merged in a way no column layout allows) come first in line order.
     */
    ParsedDocument parse(SourceTables source, String defaultDistrict) {
        List<ImportProblem> problems = new ArrayList<>(source.problems());
        try {
            return read(source.attachments(), defaultDistrict, problems);
        } catch (RuntimeException e) {
            // A bug must not turn an import into a stack trace for the administrator; the problem list says it.
            problems.add(ImportProblem.error(0, "The parser failed unexpectedly: " + e));
            return new ParsedDocument(defaultDistrict, 0, null, List.of(), List.of(), sorted(problems));
        }
    }

    private ParsedDocument read(List<TableText.Attachment> attachments, String defaultDistrict,
            List<ImportProblem> problems) {
        if (attachments.isEmpty()) {
            problems.add(ImportProblem.error(0, "The document holds no table (no line starts with a TAB)"));
        }
        int year = year(attachments, problems);
        String edition = edition(attachments, problems);
        String district = district(attachments, defaultDistrict);

        List<ParsedPlan> plans = new ArrayList<>();
        List<ParsedIndicator> indicators = new ArrayList<>();
        Set<Integer> attachmentNumbers = new HashSet<>();
        DepartmentCellReader departments = new DepartmentCellReader(registry.forDistrict(district));
        for (TableText.Attachment attachment : attachments) {
            if (attachment.number() == 0) {
                problems.add(ImportProblem.error(attachment.line(), "Table rows before any 附件 heading are ignored"));
                continue;
            }
            if (!attachmentNumbers.add(attachment.number())) {
                problems.add(ImportProblem.error(attachment.line(), "附件" + attachment.number() + " appears twice"));
            }
            if (attachment.rows().isEmpty()) {
                problems.add(ImportProblem.error(attachment.line(), "附件" + attachment.number() + " has no table"));
                continue;
            }
            TableText.Row header = attachment.rows().get(0);
            List<String> headerCells = cellTexts(header);
            // Word repeats the header row at the top of each page; a copy that made it into the export is no row.
            List<TableText.Row> body = attachment.rows().subList(1, attachment.rows().size()).stream()
                    .filter(row -> !cellTexts(row).equals(headerCells)).toList();
            if (headerCells.equals(PLAN_HEADER)) {
                plans.add(new PlanTableReader(attachment, year, departments, problems).read(body));
            } else if (headerCells.equals(INDICATOR_HEADER)) {
                indicators.addAll(new IndicatorTableReader(departments, problems).read(body));
            } else {
                problems.add(ImportProblem.error(header.line(), "附件" + attachment.number()
                        + " has an unknown table header " + headerCells + "; expected " + PLAN_HEADER + " or "
                        + INDICATOR_HEADER));
            }
        }
        if (plans.isEmpty()) {
            problems.add(ImportProblem.error(0, "The document holds no plan table"));
        }
        return new ParsedDocument(district, year, edition, plans, indicators, sorted(problems));
    }

    static List<String> cellTexts(TableText.Row row) {
        return row.cells().stream().map(TableText.Cell::joined).toList();
    }

    /** The plan title without its edition suffix. */
    static String planTitle(TableText.Attachment attachment) {
        Matcher edition = EDITION.matcher(attachment.title());
        return edition.matches() ? edition.group(1).strip() : attachment.title();
    }

    private static int year(List<TableText.Attachment> attachments, List<ImportProblem> problems) {
        int year = 0;
        for (TableText.Attachment attachment : attachments) {
            Matcher matcher = YEAR.matcher(attachment.title());
            if (!matcher.find()) {
                continue;
            }
            int titleYear = Integer.parseInt(matcher.group(1));
            if (year == 0) {
                year = titleYear;
            } else if (titleYear != year) {
                problems.add(ImportProblem.error(attachment.line(), "Title '" + attachment.title() + "' names year "
                        + titleYear + " but an earlier title names " + year));
            }
        }
        if (year == 0) {
            problems.add(ImportProblem.error(0, "No attachment title names the plan year (e.g. 2026年)"));
        }
        return year;
    }

    private static String edition(List<TableText.Attachment> attachments, List<ImportProblem> problems) {
        String edition = null;
        for (TableText.Attachment attachment : attachments) {
            Matcher matcher = EDITION.matcher(attachment.title());
            String titleEdition = matcher.matches() ? matcher.group(2).strip() : null;
            if (edition == null) {
                edition = titleEdition;
            } else if (!edition.equals(titleEdition)) {
                problems.add(ImportProblem.warning(attachment.line(), "Title '" + attachment.title()
                        + "' does not carry the edition " + edition + " of the earlier titles"));
            }
        }
        return edition;
    }

    private static String district(List<TableText.Attachment> attachments, String defaultDistrict) {
        for (TableText.Attachment attachment : attachments) {
            Matcher matcher = DISTRICT.matcher(attachment.title());
            if (matcher.lookingAt()) {
                return matcher.group(1);
            }
        }
        return defaultDistrict;
    }

    private static List<ImportProblem> sorted(List<ImportProblem> problems) {
        return problems.stream().sorted(Comparator.comparingInt(ImportProblem::line)).toList();
    }
}
