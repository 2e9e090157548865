package org.ecoplan.indicator.bulletin;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.ecoplan.documents.Document.Block;
import org.ecoplan.documents.Document.ChartBlock;
import org.ecoplan.documents.Document.Heading;
import org.ecoplan.documents.Document.Note;
import org.ecoplan.documents.Document.Paragraph;
import org.ecoplan.documents.Document.Table;
import org.ecoplan.documents.Document;
import org.ecoplan.documents.chart.Chart.Orientation;
import org.ecoplan.documents.chart.Chart.Series;
import org.ecoplan.documents.chart.Chart;
import org.ecoplan.indicator.airquality.AirQualityService.RankedArea;
import org.ecoplan.indicator.bulletin.BulletinFigures.MonthlyAir;
import org.ecoplan.indicator.bulletin.BulletinFigures.ReturnedReport;
import org.ecoplan.indicator.bulletin.BulletinFigures.TownRank;
import org.ecoplan.indicator.display.Published;
import org.ecoplan.indicator.overview.Overview.IndicatorLine;
import org.ecoplan.indicator.overview.Overview.PlanFigures;
import org.ecoplan.indicator.overview.Overview.RankedParty;
import org.ecoplan.indicator.overview.Overview.SectionFigures;
import org.ecoplan.indicator.overview.Overview.SupervisionItem;
import org.ecoplan.indicator.overview.Overview;
import org.ecoplan.indicator.rollup.StateCountsView;
import org.ecoplan.indicator.tracking.DepartmentNames.Named;

/**
 * The bulletin's one template: the figures in Chinese official style (title, issuing office, date, numbered
 * sections 一、至六、), every number as the API publishes it (the overview's {@code …Text} fields), charts as models.
 */
public final class BulletinTemplate {

    static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    /** A day of the bulletin's month, e.g. 6月12日. */
    public static final DateTimeFormatter RETURNED_ON = DateTimeFormatter.ofPattern("M月d日");
    // State colours: completed green, on track blue, at risk amber, behind pace orange, overdue red, the rest grey.
    private static final String COMPLETED = "#2e7d32";
    private static final String ON_TRACK = "#1e88e5";
    private static final String AT_RISK = "#f9a825";
    private static final String BEHIND = "#ef6c00";
    private static final String OVERDUE = "#c62828";
    private static final String OTHER = "#9e9e9e";

    private BulletinTemplate() {
    }

    public static Document document(BulletinFigures figures, ZoneId zone) {
        Overview overview = figures.overview();
        int month = Integer.parseInt(figures.month().substring(5));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("现将" + figures.year() + "年" + month + "月" + figures.district() + "生态环境保护行动计划（"
                + figures.edition() + "）推进情况通报如下。"));
        blocks.add(new Paragraph(overview.summaryText()));

        airQuality(figures, month, blocks);
        towns(figures, month, blocks);
        plans(overview, blocks);
        departments(figures, blocks);
        supervision(figures, month, blocks);
        indicators(overview, blocks);

        if (figures.correctedAt() != null) {
            blocks.add(new Note("注：本期通报所用" + month + "月数据已于" + CHINESE_DATE.format(figures.correctedAt().atZone(zone))
                    + "更正，以上数字为更正后数据。"));
        }
        if (overview.airQuality().stream().anyMatch(IndicatorLine::provisional)) {
            blocks.add(new Note("注：空气质量有效监测天数尚不足全年统计要求（HJ 663-2013），相关数字为暂定值。"));
        }
        String title = figures.district() + "生态环境保护工作月度调度通报";
        return new Document(title, "（" + figures.year() + "年第" + month + "期）", figures.issuer(),
                CHINESE_DATE.format(figures.issuedOn()), "bulletin-" + figures.month(), List.copyOf(blocks));
    }

    // ---- 一、空气质量 ------------------------------------------------------------------------------------------------

    private static void airQuality(BulletinFigures figures, int month, List<Block> blocks) {
        blocks.add(new Heading(1, "一、空气质量"));
        List<String> sentences = new ArrayList<>();
        for (IndicatorLine line : figures.overview().airQuality()) {
            StringBuilder text = new StringBuilder(line.name());
            text.append(line.valueSoFarText() == null ? "暂无数据" : line.valueSoFarText());
            text.append("（目标").append(Objects.toString(line.targetText(), "待定"));
            if (line.statusName() != null) {
                text.append("，").append(line.statusName());
            }
            text.append("）");
            if (line.requiredForRestValueText() != null) {
                text.append("，").append(restLabel(line)).append(line.requiredForRestValueText());
            }
            sentences.add(text.toString());
        }
        blocks.add(new Paragraph("截至" + month + "月底，" + (sentences.isEmpty() ? "暂无空气质量指标" : String.join("；", sentences)) + "。"));

        Map<Integer, MonthlyAir> thisYear = new HashMap<>();
        Map<Integer, MonthlyAir> lastYear = new HashMap<>();
        for (MonthlyAir air : figures.monthlyAir()) {
            (air.year() == figures.year() ? thisYear : lastYear).put(air.month(), air);
        }
        List<String> months = new ArrayList<>();
        List<Double> pm25 = new ArrayList<>();
        List<Double> pm25Last = new ArrayList<>();
        List<Double> good = new ArrayList<>();
        List<Double> heavy = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            MonthlyAir now = m <= month ? thisYear.get(m) : null;
            MonthlyAir before = lastYear.get(m);
            months.add(m + "月");
            pm25.add(now == null ? null : now.pm25Mean());
            pm25Last.add(before == null ? null : before.pm25Mean());
            good.add(now == null ? null : (double) now.goodDays());
            heavy.add(now == null ? null : (double) now.heavyDays());
            if (m <= month) {
                rows.add(List.of(m + "月", now == null || now.pm25Mean() == null ? "—" : one(now.pm25Mean()),
                        before == null || before.pm25Mean() == null ? "—" : one(before.pm25Mean()),
                        now == null ? "—" : String.valueOf(now.goodDays()), now == null ? "—" : String.valueOf(now.heavyDays()),
                        now == null ? "0" : String.valueOf(now.aqiDays())));
            }
        }
        Double target = figures.overview().airQuality().stream().filter(line -> "ANNUAL_MEAN_CONCENTRATION".equals(line.kind()))
                .map(IndicatorLine::target).filter(Objects::nonNull).map(value -> value.doubleValue()).findFirst().orElse(null);
        blocks.add(new ChartBlock(new Chart("chart-pm25", "PM2.5月均浓度（微克/立方米）", Orientation.VERTICAL, false, "微克/立方米",
                months, List.of(new Series(figures.year() + "年", "#1e88e5", pm25, false),
                        new Series((figures.year() - 1) + "年", "#8e24aa", pm25Last, true)),
                target, target == null ? null : "目标" + Published.plain(java.math.BigDecimal.valueOf(target)), 1)));
        blocks.add(new ChartBlock(new Chart("chart-days", figures.year() + "年优良天数与重污染天数（天）", Orientation.VERTICAL, false,
                "天", months, List.of(new Series("优良天数", COMPLETED, good, false), new Series("重污染天数", OVERDUE, heavy, false)),
                null, null, 0)));
        blocks.add(new Table("table-air", "表1 " + figures.year() + "年逐月空气质量",
                List.of("月份", "PM2.5（微克/立方米）", "去年同期", "优良天数", "重污染天数", "有效监测天数"), rows,
                List.of(false, true, true, true, true, true)));
    }

    private static String restLabel(IndicatorLine line) {
        return switch (line.kind()) {
            case "ANNUAL_MEAN_CONCENTRATION" -> "全年剩余时间平均浓度不得高于";
            case "RATIO_OF_DAYS" -> "全年还需优良天数";
            case "COUNT_OF_DAYS" -> "全年剩余重污染天数额度";
            default -> "剩余时间还需";
        };
    }

    // ---- 二、街乡镇排名 --------------------------------------------------------------------------------------------

    private static void towns(BulletinFigures figures, int month, List<Block> blocks) {
        blocks.add(new Heading(1, "二、街乡镇排名"));
        List<TownRank> ranked = figures.towns().stream().filter(town -> town.area().rank() != null).toList();
        if (ranked.isEmpty()) {
            blocks.add(new Paragraph(month + "月各街乡镇暂无PM2.5监测数据。"));
            return;
        }
        blocks.add(new Paragraph(month + "月PM2.5浓度排名前三（浓度最高）的街乡镇为："
                + ranked.stream().limit(3).map(town -> town.area().name() + "（" + one(town.area().pm25Mean()) + "微克/立方米）")
                        .collect(Collectors.joining("、")) + "。排名按浓度由高到低。"));
        Map<String, RankedArea> year = new HashMap<>();
        figures.yearTowns().forEach(area -> year.put(area.area(), area));
        List<List<String>> rows = new ArrayList<>();
        for (TownRank town : figures.towns()) {
            RankedArea area = town.area();
            RankedArea ytd = year.get(area.area());
            rows.add(List.of(area.rank() == null ? "—" : String.valueOf(area.rank()), area.name(),
                    area.pm25Mean() == null ? "—" : one(area.pm25Mean()), change(town),
                    ytd == null || ytd.pm25Mean() == null ? "—" : one(ytd.pm25Mean()),
                    ytd == null || ytd.rank() == null ? "—" : String.valueOf(ytd.rank())));
        }
        blocks.add(new ChartBlock(new Chart("chart-towns", month + "月各街乡镇PM2.5浓度（微克/立方米，由高到低）", Orientation.HORIZONTAL,
                false, "微克/立方米", ranked.stream().map(town -> town.area().name()).toList(),
                List.of(new Series("PM2.5", "#5c6bc0", ranked.stream().map(town -> town.area().pm25Mean()).toList(), false)),
                null, null, 1)));
        blocks.add(new Table("table-towns", "表2 街乡镇PM2.5浓度排名（由高到低）",
                List.of("本月排名", "街乡镇", "本月PM2.5", "较上月", "年累计PM2.5", "年累计排名"), rows,
                List.of(true, false, true, false, true, true)));
    }

    /** 较上月: ↑ = moved towards the worst places, ↓ = away from them. */
    private static String change(TownRank town) {
        Integer change = town.change();
        if (change == null) {
            return "—";
        }
        return change == 0 ? "持平" : change > 0 ? "↑" + change : "↓" + (-change);
    }

    // ---- 三、重点任务进展 ------------------------------------------------------------------------------------------

    private static void plans(Overview overview, List<Block> blocks) {
        blocks.add(new Heading(1, "三、重点任务进展"));
        List<String> sentences = new ArrayList<>();
        for (PlanFigures plan : overview.plans()) {
            StateCountsView m = plan.measures();
            sentences.add("附件" + plan.attachment() + "《" + plan.title() + "》共" + m.measures() + "项措施，已完成" + m.completed()
                    + "项，正常推进" + m.onTrack() + "项，滞后于序时进度" + m.behindPace() + "项，已逾期" + m.overdue() + "项");
        }
        blocks.add(new Paragraph(String.join("；", sentences) + "。"));
        List<String> labels = new ArrayList<>();
        List<Double> completed = new ArrayList<>();
        List<Double> onTrack = new ArrayList<>();
        List<Double> atRisk = new ArrayList<>();
        List<Double> behind = new ArrayList<>();
        List<Double> overdue = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (PlanFigures plan : overview.plans()) {
            StateCountsView m = plan.measures();
            labels.add("附件" + plan.attachment());
            completed.add((double) m.completed());
            onTrack.add((double) m.onTrack());
            atRisk.add((double) m.atRisk());
            behind.add((double) m.behindPace());
            overdue.add((double) m.overdue());
            other.add((double) (m.notDue() + m.notAssessed() + m.unknown()));
            rows.add(stateRow("附件" + plan.attachment() + " " + plan.title(), m));
            for (SectionFigures section : plan.sections()) {
                rows.add(stateRow("　" + section.label() + section.title(), section.measures()));
            }
        }
        blocks.add(new ChartBlock(new Chart("chart-plans", "各行动计划措施进展（项）", Orientation.HORIZONTAL, true, "项", labels,
                List.of(new Series("已完成", COMPLETED, completed, false), new Series("正常推进", ON_TRACK, onTrack, false),
                        new Series("存在风险", AT_RISK, atRisk, false), new Series("滞后于序时进度", BEHIND, behind, false),
                        new Series("已逾期", OVERDUE, overdue, false), new Series("未到期/未评估", OTHER, other, false)),
                null, null, 0)));
        blocks.add(new Table("table-plans", "表3 各行动计划及章节措施进展（项）",
                List.of("计划/章节", "措施数", "已完成", "正常推进", "滞后于序时进度", "存在风险", "已逾期", "未到实施期", "未评估", "完成率"),
                rows, List.of(false, true, true, true, true, true, true, true, true, true)));
    }

    private static List<String> stateRow(String label, StateCountsView m) {
        return List.of(label, String.valueOf(m.measures()), String.valueOf(m.completed()), String.valueOf(m.onTrack()),
                String.valueOf(m.behindPace()), String.valueOf(m.atRisk()), String.valueOf(m.overdue()), String.valueOf(m.notDue()),
                String.valueOf(m.notAssessed()), Objects.toString(m.completionRateText(), "—"));
    }

    // ---- 四、部门排名 ---------------------------------------------------------------------------------------------

    private static void departments(BulletinFigures figures, List<Block> blocks) {
        blocks.add(new Heading(1, "四、部门排名"));
        Overview.Punctuality punctuality = figures.overview().punctuality();
        String reports = punctuality == null || punctuality.rate() == null ? "本年度尚无到期的月度报告。"
                : punctuality.fromPeriod() + "至" + punctuality.toPeriod() + "月度报告应报" + punctuality.due() + "份，按时报送"
                        + punctuality.onTime() + "份，逾期报送" + punctuality.late() + "份，未报送" + punctuality.missing()
                        + "份，按时报送率" + punctuality.rateText() + "。";
        blocks.add(new Paragraph("按牵头或主责措施中已逾期、滞后于序时进度的数量排名（由差到好，数量相同的并列）。" + reports));
        List<List<String>> rows = new ArrayList<>();
        for (RankedParty party : figures.departments()) {
            rows.add(List.of(String.valueOf(party.rank()), party.name(), String.valueOf(party.measures()),
                    String.valueOf(party.overdue()), String.valueOf(party.behindPace()), String.valueOf(party.atRisk()),
                    String.valueOf(party.completed()), Objects.toString(party.completionRateText(), "—"),
                    party.punctuality() == null ? "—" : Objects.toString(party.punctuality().rateText(), "—")));
        }
        blocks.add(new Table("table-departments", "表4 部门排名",
                List.of("排名", "部门", "措施数", "已逾期", "滞后于序时进度", "存在风险", "已完成", "完成率", "按时报送率"), rows,
                List.of(true, false, true, true, true, true, true, true, true)));
    }

    // ---- 五、督办事项 ---------------------------------------------------------------------------------------------

    private static void supervision(BulletinFigures figures, int month, List<Block> blocks) {
        blocks.add(new Heading(1, "五、督办事项"));
        Overview.SupervisionSummary summary = figures.overview().supervision();
        blocks.add(new Paragraph(summary.total() == 0 ? "本月无需督办事项。"
                : "需督办" + summary.total() + "项（已逾期" + summary.overdue() + "项，滞后于序时进度" + summary.behindPace()
                        + "项），请牵头单位抓紧推进，并在下月调度中报告整改情况。"));
        if (!figures.supervision().isEmpty()) {
            supervisionList(figures, blocks);
        }
        returned(figures, month, blocks);
    }

    private static void supervisionList(BulletinFigures figures, List<Block> blocks) {
        List<List<String>> rows = new ArrayList<>();
        int number = 1;
        for (SupervisionItem item : figures.supervision()) {
            List<Named> parties = new ArrayList<>(item.lead());
            item.responsible().stream().filter(named -> !parties.contains(named)).forEach(parties::add);
            String late = item.daysLate() != null ? "逾期" + item.daysLate() + "天"
                    : item.paceGap() != null ? "落后" + item.paceGap() + "个百分点" : "—";
            rows.add(List.of(String.valueOf(number++), item.task().label() + " " + Objects.toString(item.task().name(), ""),
                    item.text(), parties.stream().map(Named::name).collect(Collectors.joining("、")),
                    item.deadline() == null || item.deadline().label() == null ? "—" : item.deadline().label(), item.stateName(), late));
        }
        blocks.add(new Table("table-supervision", "表5 督办事项清单",
                List.of("序号", "任务", "工作措施", "牵头/责任单位", "完成时限", "状态", "逾期或滞后"), rows,
                List.of(true, false, false, false, false, false, false), List.of(6, 15, 35, 16, 9, 9, 10)));
    }

    /** The reports returned to their departments in the month, oldest first, with the reviewer's reason. */
    private static void returned(BulletinFigures figures, int month, List<Block> blocks) {
        List<ReturnedReport> returned = figures.returned();
        if (returned.isEmpty()) {
            blocks.add(new Paragraph(month + "月无退回的报告。"));
            return;
        }
        long departments = returned.stream().map(report -> report.department() == null ? "" : report.department().code())
                .distinct().count();
        blocks.add(new Paragraph(month + "月共退回报告" + returned.size() + "份（涉及" + departments
                + "个单位），请相关单位按退回意见修改后重新报送。"));
        List<List<String>> rows = new ArrayList<>();
        int number = 1;
        for (ReturnedReport report : returned) {
            rows.add(List.of(String.valueOf(number++), report.taskLabel() + " " + Objects.toString(report.taskName(), ""),
                    report.measureText(), report.department() == null ? "—" : report.department().name(),
                    period(report.period(), figures.year()), RETURNED_ON.format(report.returnedOn()),
                    Objects.toString(report.reason(), "—")));
        }
        blocks.add(new Table("table-returned", "表6 " + month + "月退回的报告",
                List.of("序号", "任务", "工作措施", "报送单位", "报告期", "退回日期", "退回原因"), rows,
                List.of(true, false, false, false, false, false, false), List.of(6, 14, 30, 14, 9, 9, 18)));
    }

    /** A monthly report's period as 5月 (another year: 2025年12月); an ad-hoc report has none. */
    static String period(String period, int year) {
        if (period == null) {
            return "临时报告";
        }
        java.time.YearMonth month;
        try {
            month = java.time.YearMonth.parse(period);
        } catch (java.time.format.DateTimeParseException e) {
            return period; // as the producer wrote it: shown, not guessed
        }
        return (month.getYear() == year ? "" : month.getYear() + "年") + month.getMonthValue() + "月";
    }

    // ---- 六、指标完成情况 ------------------------------------------------------------------------------------------

    private static void indicators(Overview overview, List<Block> blocks) {
        blocks.add(new Heading(1, "六、指标完成情况"));
        long onTrack = overview.indicators().stream().filter(line -> "ON_TRACK".equals(line.status()) || "ACHIEVED".equals(line.status())).count();
        blocks.add(new Paragraph("附件4共" + overview.indicators().size() + "项指标，已达标或进展正常" + onTrack + "项。"));
        List<List<String>> rows = new ArrayList<>();
        for (IndicatorLine line : overview.indicators()) {
            rows.add(List.of(line.number() == null ? "—" : String.valueOf(line.number()), line.name(),
                    Objects.toString(line.targetText(), "—"), Objects.toString(line.valueSoFarText(), "—"),
                    Objects.toString(line.projectedText(), "—"), Objects.toString(line.statusName(), "—")));
        }
        blocks.add(new Table("table-indicators", "表7 指标完成情况",
                List.of("序号", "指标", "目标", "截至月底", "预计全年", "状态"), rows, List.of(true, false, false, false, false, false)));
    }

    static String one(Double value) {
        return value == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f", value);
    }


}
