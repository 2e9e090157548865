package org.ecoplan.notification.supervision;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.notification.alert.AlertDraft;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.alert.SubjectType;
import org.ecoplan.progress.contract.ReportStatus;

/**
 * The date-driven rules for measures, evaluated in memory for all measures at once. Every rule proposes its
 * draft on each day its condition holds; the alert's key (rule, measure, period) makes it fire once, so a
 * day that was missed (the service was down) is caught up on the next tick, and a re-run sends nothing.
 * <ul>
 * <li>DEADLINE_REMINDER: days left d ≥ 0 and not completed; the step is the smallest configured number of
 * days ≥ d, so each step fires once and a late start skips the steps already past.</li>
 * <li>WINDOW_OPENING: a WINDOW measure's start is at most {@code window-opening-days-before} days away.</li>
 * <li>BEHIND_PACE: within [start, end] (start = window start or 1 January of the plan year), from
 * {@code check-day} of a month: elapsed share − percent/100 ≥ {@code gap}; once per month.</li>
 * <li>OVERDUE: the day after the end, not completed; ESCALATED_TO_SUPERVISORS / ESCALATED_TO_HEAD after the
 * configured further days.</li>
 * <li>MISSING_REPORT: from {@code due-day} of a month, an open measure (ONGOING, or not completed and not due
 * before last month) of that year has no report for last month.</li>
 * </ul>
 */
@ApplicationScoped
public class MeasureRules {

    private final SupervisionConfig config;
    private final Recipients recipients;

    MeasureRules(SupervisionConfig config, Recipients recipients) {
        this.config = config;
        this.recipients = recipients;
    }

    public List<AlertDraft> evaluate(LocalDate today, List<MeasureState> measures, Map<String, MeasureProgress> progress) {
        List<AlertDraft> drafts = new ArrayList<>();
        for (MeasureState measure : measures) {
            if (measure.deadline() == null || measure.deadline().kind() == null) {
                continue;
            }
            Subject subject = new Subject(measure, progress.get(measure.id()));
            switch (measure.deadline().kind()) {
                case "DATE", "WINDOW" -> {
                    if (measure.deadline().end() != null) {
                        deadlineReminder(today, subject, drafts);
                        windowOpening(today, subject, drafts);
                        behindPace(today, subject, drafts);
                        overdue(today, subject, drafts);
                    }
                }
                default -> {
                    // ONGOING (长期实施, 持续推进): no deadline, only the monthly report is watched.
                }
            }
            missingReport(today, subject, drafts);
        }
        return drafts;
    }

    private void deadlineReminder(LocalDate today, Subject subject, List<AlertDraft> drafts) {
        LocalDate end = subject.end();
        long daysLeft = ChronoUnit.DAYS.between(today, end);
        if (daysLeft < 0 || subject.completed()) {
            return;
        }
        config.reminderDaysBefore().stream().filter(step -> step >= daysLeft).min(Comparator.naturalOrder()).ifPresent(step ->
                drafts.add(subject.draft(AlertRule.DEADLINE_REMINDER, "D-" + step + "@" + end, today,
                        "【蓝色提醒】距完成时限还有 " + daysLeft + " 天：" + subject.shortText(),
                        "措施「" + subject.measure.text() + "」的完成时限为 " + end + "（" + subject.label() + "），尚未完成"
                                + subject.standing() + "。距截止还有 " + daysLeft + " 天（" + step + " 天提醒）。")));
    }

    private void windowOpening(LocalDate today, Subject subject, List<AlertDraft> drafts) {
        LocalDate start = subject.measure.deadline().start();
        if (!"WINDOW".equals(subject.measure.deadline().kind()) || start == null || subject.completed()) {
            return;
        }
        long daysToOpen = ChronoUnit.DAYS.between(today, start);
        if (daysToOpen >= 0 && daysToOpen <= config.windowOpeningDaysBefore()) {
            drafts.add(subject.draft(AlertRule.WINDOW_OPENING, "open@" + start, today,
                    "【蓝色提醒】" + start + " 起进入实施期（" + subject.label() + "）：" + subject.shortText(),
                    "措施「" + subject.measure.text() + "」的实施期为 " + start + " 至 " + subject.end() + "（" + subject.label()
                            + "），还有 " + daysToOpen + " 天开始，请提前部署。"));
        }
    }

    private void behindPace(LocalDate today, Subject subject, List<AlertDraft> drafts) {
        LocalDate start = subject.start();
        LocalDate end = subject.end();
        if (subject.completed() || today.isBefore(start) || today.isAfter(end) || !end.isAfter(start)
                || today.getDayOfMonth() < config.behindPace().checkDay()) {
            return;
        }
        double elapsed = (double) ChronoUnit.DAYS.between(start, today) / ChronoUnit.DAYS.between(start, end);
        int percent = subject.percent();
        double gap = elapsed - percent / 100.0;
        if (gap >= config.behindPace().gap()) {
            YearMonth month = YearMonth.from(today);
            drafts.add(subject.draft(AlertRule.BEHIND_PACE, month.toString(), today,
                    "【黄色预警】进度落后于序时进度：" + subject.shortText(),
                    "截至 " + today + "，措施「" + subject.measure.text() + "」的时间已过 " + Math.round(elapsed * 100) + "%（"
                            + start + " 至 " + end + "），最新审核通过的完成度为 " + percent + "%，落后 "
                            + Math.round(gap * 100) + " 个百分点（预警阈值 " + Math.round(config.behindPace().gap() * 100) + "）。"));
        }
    }

    private void overdue(LocalDate today, Subject subject, List<AlertDraft> drafts) {
        LocalDate end = subject.end();
        if (!today.isAfter(end) || subject.completed()) {
            return;
        }
        String period = "due@" + end;
        LocalDate overdueOn = end.plusDays(1);
        long daysOverdue = ChronoUnit.DAYS.between(end, today);
        drafts.add(subject.draft(AlertRule.OVERDUE, period, today, "【红色督办】已逾期：" + subject.shortText(),
                "措施「" + subject.measure.text() + "」的完成时限 " + end + "（" + subject.label() + "）已过，尚未完成"
                        + subject.standing() + "，已逾期 " + daysOverdue + " 天。"));
        int toSupervisors = config.overdue().supervisorEscalationDays();
        if (!today.isBefore(overdueOn.plusDays(toSupervisors))) {
            drafts.add(subject.draft(AlertRule.ESCALATED_TO_SUPERVISORS, period, today,
                    "【红色督办·升级】逾期 " + daysOverdue + " 天仍未完成：" + subject.shortText(),
                    "措施「" + subject.measure.text() + "」自 " + overdueOn + " 逾期，" + toSupervisors + " 天后仍未完成"
                            + subject.standing() + "，提请督办。"));
        }
        int toHeads = config.overdue().headEscalationDays();
        if (!today.isBefore(overdueOn.plusDays(toHeads))) {
            drafts.add(subject.draft(AlertRule.ESCALATED_TO_HEAD, period, today,
                    "【红色督办·升级至部门负责人】逾期 " + daysOverdue + " 天仍未完成：" + subject.shortText(),
                    "措施「" + subject.measure.text() + "」自 " + overdueOn + " 逾期，" + toHeads + " 天后仍未完成"
                            + subject.standing() + "，请部门负责人督促落实。"));
        }
    }

    private void missingReport(LocalDate today, Subject subject, List<AlertDraft> drafts) {
        int dueDay = config.missingReport().dueDay();
        if (today.getDayOfMonth() < dueDay) {
            return;
        }
        YearMonth month = YearMonth.from(today).minusMonths(1);
        if (month.getYear() != subject.measure.year() || !subject.openDuring(month)) {
            return;
        }
        String last = subject.progress == null ? null : subject.progress.lastReportedPeriod();
        if (last != null && last.compareTo(month.toString()) >= 0) {
            return;
        }
        LocalDate dueBy = month.plusMonths(1).atDay(dueDay);
        drafts.add(subject.draft(AlertRule.MISSING_REPORT, month.toString(), today,
                "【黄色预警】" + month + " 月度进展未报送：" + subject.shortText(),
                "措施「" + subject.measure.text() + "」（" + subject.label() + "）应于 " + dueBy + " 前报送 " + month
                        + " 的进展，至今未报送（最近报送期：" + (last == null ? "无" : last) + "）。"));
    }

    /** One measure with its progress, and what every rule needs of them. */
    private final class Subject {
        final MeasureState measure;
        final MeasureProgress progress;

        Subject(MeasureState measure, MeasureProgress progress) {
            this.measure = measure;
            this.progress = progress;
        }

        boolean completed() {
            return progress != null && progress.completed();
        }

        int percent() {
            return progress == null ? 0 : progress.percentComplete();
        }

        LocalDate end() {
            return measure.deadline().end();
        }

        LocalDate start() {
            LocalDate start = measure.deadline().start();
            return start != null ? start : LocalDate.of(measure.year(), 1, 1);
        }

        String label() {
            String label = measure.deadline().label();
            return label == null ? measure.deadline().kind() : label;
        }

        /** Reports are expected for a month while the measure is open in it. */
        boolean openDuring(YearMonth month) {
            if ("ONGOING".equals(measure.deadline().kind())) {
                return true;
            }
            if (completed() || end() == null) {
                return false;
            }
            return !end().isBefore(month.atDay(1)) && !start().isAfter(month.atEndOfMonth());
        }

        String standing() {
            ReportStatus status = progress == null ? ReportStatus.NOT_STARTED : progress.status();
            return "（当前状态 " + status + "，完成 " + percent() + "%）";
        }

        String shortText() {
            String text = measure.text() == null ? measure.id() : measure.text();
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }

        AlertDraft draft(AlertRule rule, String period, LocalDate today, String title, String reason) {
            Recipients.Addressed to = recipients.address(rule, measure);
            return new AlertDraft(rule, rule.defaultSeverity(), SubjectType.MEASURE, measure.id(), period, measure.planId(),
                    title, reason, to.departments(), to.audiences(), today);
        }
    }
}
