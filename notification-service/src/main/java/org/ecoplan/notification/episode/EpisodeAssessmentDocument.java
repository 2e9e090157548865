package org.ecoplan.notification.episode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.documents.Document;
import org.ecoplan.documents.Document.Block;
import org.ecoplan.documents.Document.Heading;
import org.ecoplan.documents.Document.Note;
import org.ecoplan.documents.Document.Paragraph;
import org.ecoplan.documents.Document.Table;
import org.ecoplan.notification.episode.EpisodeAssessments.AcknowledgementOutcome;
import org.ecoplan.notification.episode.EpisodeAssessments.AirQualityDayView;
import org.ecoplan.notification.episode.EpisodeAssessments.Assessment;
import org.ecoplan.notification.episode.EpisodeAssessments.LevelPeriod;
import org.ecoplan.notification.episode.EpisodeAssessments.QuantityTotal;
import org.ecoplan.notification.episode.EpisodeAssessments.UnitAssessment;

/**
 * The episode's assessment (应急响应评估) as a document people read, from exactly the figures of
 * {@code GET /episodes/{id}/assessment}: the platform's renderers lay it out as HTML, Word and PDF, as they do the
 * monthly bulletin. Every date and time is the district's (the business clock's zone); numbers as published.
 */
public final class EpisodeAssessmentDocument {

    /** Who circulates the assessment: the district's command office (区空气重污染应急指挥部办公室). */
    static final String ISSUER = "区空气重污染应急指挥部办公室";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

    private EpisodeAssessmentDocument() {
    }

    public static Document document(Assessment assessment, ZoneId zone) {
        String start = assessment.startsAt() == null ? "开始时间不详" : DATE.format(assessment.startsAt().atZone(zone));
        String end = assessment.liftedAt() == null ? "未解除" : DATE.format(assessment.liftedAt().atZone(zone));
        String title = "重污染天气应急响应评估（" + highestLevelName(assessment) + " " + start + "—" + end + "）";
        String subtitle = assessment.lifted() ? "（预警已解除，终期评估）"
                : "（预警尚未解除，截至" + TIME.format(assessment.assessedAt().atZone(zone)) + "）";
        List<Block> blocks = new ArrayList<>();
        process(blocks, assessment, zone);
        acknowledgements(blocks, assessment, zone);
        dailyReports(blocks, assessment);
        totals(blocks, assessment);
        airQuality(blocks, assessment);
        String fileName = "重污染天气应急响应评估-" + (assessment.startsAt() == null ? assessment.episodeId()
                : LocalDate.ofInstant(assessment.startsAt(), zone).toString());
        return new Document(title, subtitle, ISSUER, DATE.format(assessment.assessedAt().atZone(zone)), fileName, blocks);
    }

    /** The ASCII file name for clients that cannot read RFC 6266's filename*: episode-assessment-2026-12-03. */
    public static String asciiFileName(Assessment assessment, ZoneId zone) {
        return "episode-assessment-" + (assessment.startsAt() == null ? "unknown-start"
                : LocalDate.ofInstant(assessment.startsAt(), zone).toString());
    }

    private static void process(List<Block> blocks, Assessment a, ZoneId zone) {
        blocks.add(new Heading(1, "一、预警过程"));
        String issuer = a.issuerName() == null ? "发布单位不详" : a.issuerName() + "（" + a.issuer() + "）";
        blocks.add(new Paragraph("本次预警为" + issuer + "，" + (a.startsAt() == null ? "响应开始时间不详"
                : "自" + TIME.format(a.startsAt().atZone(zone)) + "起启动应急响应") + "，"
                + (a.liftedAt() == null ? "截至评估时尚未解除" : "于" + TIME.format(a.liftedAt().atZone(zone)) + "解除")
                + "；共" + a.counts().units() + "个成员单位参与响应。"));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < a.levels().size(); i++) {
            LevelPeriod level = a.levels().get(i);
            rows.add(List.of(i == 0 ? "启动" : "调整", level.levelName() + "（" + level.level() + "）",
                    TIME.format(level.sentAt().atZone(zone))));
        }
        if (a.liftedAt() != null) {
            rows.add(List.of("解除", "—", TIME.format(a.liftedAt().atZone(zone))));
        }
        blocks.add(new Table("levels", "表1 预警级别变化", List.of("过程", "预警级别", "任务下达时间"), rows,
                List.of(false, false, false), List.of(20, 40, 40)));
    }

    private static void acknowledgements(List<Block> blocks, Assessment a, ZoneId zone) {
        blocks.add(new Heading(1, "二、成员单位响应"));
        var counts = a.counts();
        blocks.add(new Paragraph("各级预警任务共下达" + (counts.acknowledgedOnTime() + counts.acknowledgedLate() + counts.notAcknowledged())
                + "次，按时签收" + counts.acknowledgedOnTime() + "次，超时签收" + counts.acknowledgedLate() + "次，未签收"
                + counts.notAcknowledged() + "次；" + counts.unitsNeverAcknowledged() + "个单位始终未签收。"));
        List<List<String>> rows = new ArrayList<>();
        for (UnitAssessment unit : a.units()) {
            for (AcknowledgementOutcome outcome : unit.acknowledgements()) {
                rows.add(List.of(unit.departmentName() + "（" + unit.departmentCode() + "）",
                        EpisodeAssessments.levelName(outcome.level()),
                        outcome.acknowledgedAt() == null ? "未签收" : TIME.format(outcome.acknowledgedAt().atZone(zone)),
                        outcome.acknowledgedAt() == null ? "—" : outcome.late() ? "超时" : "按时",
                        escalation(outcome.escalatedTo())));
            }
        }
        blocks.add(new Table("acknowledgements", "表2 成员单位签收情况", List.of("成员单位", "预警级别", "签收时间", "是否超时", "督办升级"),
                rows, List.of(false, false, false, false, false), List.of(30, 14, 24, 12, 20)));
    }

    private static String escalation(List<String> escalatedTo) {
        if (escalatedTo.contains("HEAD")) {
            return "已督办，已报单位负责人";
        }
        return escalatedTo.contains("SUPERVISORS") ? "已督办" : "否";
    }

    private static void dailyReports(List<Block> blocks, Assessment a) {
        blocks.add(new Heading(1, "三、每日报送"));
        var counts = a.counts();
        blocks.add(new Paragraph("每日" + a.dailyReportHour() + "时前报送当日响应情况。应报" + counts.reportsDue() + "份，按时"
                + counts.reportsOnTime() + "份，迟报" + counts.reportsLate() + "份，未报" + counts.reportsMissing() + "份。"));
        TreeSet<LocalDate> days = new TreeSet<>();
        for (UnitAssessment unit : a.units()) {
            days.addAll(unit.reportedOnTime());
            days.addAll(unit.reportedLate());
            days.addAll(unit.missing());
        }
        List<List<String>> rows = new ArrayList<>();
        for (LocalDate day : days) {
            rows.add(List.of(DAY.format(day), names(a, day, UnitAssessment::reportedOnTime),
                    names(a, day, UnitAssessment::reportedLate), names(a, day, UnitAssessment::missing)));
        }
        blocks.add(new Table("daily-reports", "表3 每日报送情况", List.of("日期", "按时报送", "迟报", "未报"), rows,
                List.of(false, false, false, false), List.of(12, 44, 22, 22)));
    }

    private static String names(Assessment a, LocalDate day, java.util.function.Function<UnitAssessment, List<LocalDate>> days) {
        List<String> names = a.units().stream().filter(unit -> days.apply(unit).contains(day))
                .map(UnitAssessment::departmentName).toList();
        return names.isEmpty() ? "—" : String.join("、", names);
    }

    private static void totals(List<Block> blocks, Assessment a) {
        blocks.add(new Heading(1, "四、报送数量合计"));
        if (a.totals().isEmpty()) {
            blocks.add(new Paragraph("各单位未报送数量。"));
            return;
        }
        Map<String, List<String>> byQuantity = new LinkedHashMap<>();
        for (UnitAssessment unit : a.units()) {
            for (QuantityTotal total : unit.totals()) {
                byQuantity.computeIfAbsent(total.name(), name -> new ArrayList<>()).add(unit.departmentName());
            }
        }
        List<List<String>> rows = a.totals().stream().map(total -> List.of(total.name(), total.total().toPlainString(),
                String.join("、", byQuantity.getOrDefault(total.name(), List.of())))).toList();
        blocks.add(new Table("totals", "表4 报送数量合计（各单位各日最新报送）", List.of("报送项目", "合计", "报送单位"), rows,
                List.of(false, true, false), List.of(30, 15, 55)));
    }

    private static void airQuality(List<Block> blocks, Assessment a) {
        blocks.add(new Heading(1, "五、空气质量"));
        var air = a.airQuality();
        if (air == null) {
            blocks.add(new Paragraph("预警开始时间不详，无法统计过程空气质量。"));
            return;
        }
        blocks.add(new Paragraph(air.summaryText() + "。"));
        List<List<String>> rows = new ArrayList<>();
        for (AirQualityDayView day : air.days()) {
            rows.add(List.of(DAY.format(day.date()), day.aqi() == null ? "—" : day.aqi().toString(),
                    day.aqiLevelName() == null ? "—" : day.aqiLevelName(), day.pm25() == null ? "—" : day.pm25().toString(),
                    day.heavy() ? "是" : "否"));
        }
        blocks.add(new Table("air-quality", "表5 过程逐日空气质量", List.of("日期", "AQI", "空气质量级别", "PM2.5（微克/立方米）", "重污染日"),
                rows, List.of(false, true, false, true, false), List.of(16, 14, 24, 28, 18)));
        if (!air.daysWithoutAqi().isEmpty()) {
            blocks.add(new Note("注：" + String.join("、", air.daysWithoutAqi().stream().map(DAY::format).toList())
                    + "暂无有效AQI，未计入重污染天数。"));
        }
    }

    /** The highest level the episode reached names it (a yellow warning upgraded to orange is an orange episode). */
    private static String highestLevelName(Assessment a) {
        return a.levels().stream().map(LevelPeriod::level).map(EpisodeAssessmentDocument::warningLevel)
                .filter(level -> level != null).max(Comparator.naturalOrder()).map(WarningLevel::chineseName)
                .orElse(a.levelName() == null ? a.level() : a.levelName());
    }

    private static WarningLevel warningLevel(String code) {
        try {
            return WarningLevel.valueOf(code);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
