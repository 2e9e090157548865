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
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.replica.MeasureProgress;

/**
 * The date-driven rules for measures, evaluated in memory for all measures at once. Every rule proposes its
 * draft on each day its condition holds; the alert's key (rule, measure, period) makes it fire once, so a
 * day that was missed (the service was down) is caught up on the next tick, and a re-run sends nothing.
 * <p>
 * Whether a measure is overdue or behind pace is not judged here: progress-service decides the delivery state
 * and its events carry it (kept in {@link org.ecoplan.progress.replica.ProgressReplica}); these rules raise the alerts for the state as
 * decided, so an alert never disagrees with the status, the to-do list or the roll-ups.
 * <ul>
 * <li>BEHIND_PACE: the decided state is BEHIND_PACE, from {@code check-day} of a month; once per month while
 * it holds.</li>
 * <li>OVERDUE: the decided state is OVERDUE; once per deadline. ESCALATED_TO_SUPERVISORS / ESCALATED_TO_HEAD
 * when it is still OVERDUE the configured days after its first overdue day.</li>
 * </ul>
 * This service's own reminders, before anything is late:
 * <ul>
 * <li>DEADLINE_REMINDER: days left d ≥ 0 and not completed; the step is the smallest configured number of
 * days ≥ d, so each step fires once and a late start skips the steps already past.</li>
 * <li>WINDOW_OPENING: a WINDOW measure's start is at most {@code window-opening-days-before} days away.</li>
 * <li>MISSING_REPORT: from {@code due-day} of a month, an open measure (ONGOING, or not completed and not due
 * before last month) of that year has no report for last month.</li>
 * </ul>
 */
@ApplicationScoped
public class MeasureRules {

    private final SupervisionConfig config;
    private final Recipients recipients;
    private final CatalogueSnapshot catalogue;

    MeasureRules(SupervisionConfig config, Recipients recipients, CatalogueSnapshot catalogue) {
        this.config = config;
        this.recipients = recipients;
        this.catalogue = catalogue;
    }

    public List<AlertDraft> evaluate(LocalDate today, List<MeasureState> measures, Map<String, MeasureProgress> progress) {
        List<AlertDraft> drafts = new ArrayList<>();
        for (MeasureState measure : measures) {
            if (measure.deadline() == null || measure.deadline().kind() == null) {
                continue;
            }
            Subject subject = new Subject(measure, progress.get(measure.id()));
            if (subject.end() != null) {
                deadlineReminder(today, subject, drafts);
                windowOpening(today, subject, drafts);
            }
            DeliveryAssessment delivery = subject.delivery();
            if (delivery != null) {
                switch (delivery.state()) {
                    case BEHIND_PACE -> behindPace(today, subject, delivery, drafts);
                    case OVERDUE -> overdue(today, subject, delivery, drafts);
                    default -> {
                        // Not due, on track, at risk, completed: nothing to press for.
                    }
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
                        subject.named() + "的完成时限为 " + end + "（" + subject.label() + "），尚未完成"
                                + subject.standing() + "。距截止还有 " + daysLeft + " 天（提前 " + step + " 天提醒）。")));
    }

    private void windowOpening(LocalDate today, Subject subject, List<AlertDraft> drafts) {
        LocalDate start = subject.measure.deadline().start();
        if (!subject.measure.deadline().isWindow() || start == null || subject.completed()) {
            return;
        }
        long daysToOpen = ChronoUnit.DAYS.between(today, start);
        if (daysToOpen >= 0 && daysToOpen <= config.windowOpeningDaysBefore()) {
            drafts.add(subject.draft(AlertRule.WINDOW_OPENING, "open@" + start, today,
                    "【蓝色提醒】" + start + " 起进入实施期（" + subject.label() + "）：" + subject.shortText(),
                    subject.named() + "的实施期为 " + start + " 至 " + subject.end() + "（" + subject.label()
                            + "），还有 " + daysToOpen + " 天开始，请提前部署。"));
        }
    }

    private void behindPace(LocalDate today, Subject subject, DeliveryAssessment delivery, List<AlertDraft> drafts) {
        if (today.getDayOfMonth() < config.behindPace().checkDay()) {
            return;
        }
        YearMonth month = YearMonth.from(today);
        String why = delivery.expectedPercent() == null ? "" : "实施期（" + delivery.windowStart() + " 至 "
                + delivery.windowEnd() + "）已过 " + delivery.expectedPercent() + "%，";
        drafts.add(subject.draft(AlertRule.BEHIND_PACE, month.toString(), today,
                "【黄色预警】" + delivery.stateName() + "：" + subject.shortText(),
                "截至 " + delivery.assessedOn() + "，" + subject.named() + why + "最新审核通过的完成度为 "
                        + subject.percent() + "%" + (delivery.paceGap() == null ? "" : "，落后序时进度 " + delivery.paceGap()
                        + " 个百分点") + "（" + subject.reportStatus() + "）。"));
    }

    private void overdue(LocalDate today, Subject subject, DeliveryAssessment delivery, List<AlertDraft> drafts) {
        LocalDate end = delivery.windowEnd() != null ? delivery.windowEnd() : subject.end();
        LocalDate overdueOn = delivery.overdueSince() != null ? delivery.overdueSince()
                : end != null ? end.plusDays(1) : delivery.assessedOn();
        if (end == null) {
            end = overdueOn.minusDays(1);
        }
        String period = "due@" + end;
        Integer daysLate = delivery.daysLateOn(today);
        long daysOverdue = daysLate == null ? ChronoUnit.DAYS.between(end, today) : daysLate;
        drafts.add(subject.draft(AlertRule.OVERDUE, period, today, "【红色督办】" + delivery.stateName() + "：" + subject.shortText(),
                subject.named() + "的完成时限 " + end + "（" + subject.label() + "）已过，尚未完成"
                        + subject.standing() + "，已逾期 " + daysOverdue + " 天。"));
        int toSupervisors = config.overdue().supervisorEscalationDays();
        if (!today.isBefore(overdueOn.plusDays(toSupervisors))) {
            drafts.add(subject.draft(AlertRule.ESCALATED_TO_SUPERVISORS, period, today,
                    "【红色督办·升级】逾期 " + daysOverdue + " 天仍未完成：" + subject.shortText(),
                    subject.named() + "自 " + overdueOn + " 逾期，" + toSupervisors + " 天后仍未完成"
                            + subject.standing() + "，提请督办。"));
        }
        int toHeads = config.overdue().headEscalationDays();
        if (!today.isBefore(overdueOn.plusDays(toHeads))) {
            drafts.add(subject.draft(AlertRule.ESCALATED_TO_HEAD, period, today,
                    "【红色督办·升级至部门负责人】逾期 " + daysOverdue + " 天仍未完成：" + subject.shortText(),
                    subject.named() + "自 " + overdueOn + " 逾期，" + toHeads + " 天后仍未完成"
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
        String last = subject.progress == null ? null : subject.progress.latestReportedPeriod();
        if (last != null && last.compareTo(month.toString()) >= 0) {
            return;
        }
        LocalDate dueBy = month.plusMonths(1).atDay(dueDay);
        drafts.add(subject.draft(AlertRule.MISSING_REPORT, month.toString(), today,
                "【黄色预警】" + month + " 月度进展未报送：" + subject.shortText(),
                subject.named() + "（" + subject.label() + "）应于 " + dueBy + " 前报送 " + month
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

        DeliveryAssessment delivery() {
            return progress == null ? null : progress.delivery();
        }

        int percent() {
            return progress == null ? 0 : progress.percentComplete();
        }

        LocalDate end() {
            return measure.dueDate();
        }

        LocalDate start() {
            return measure.windowStart();
        }

        String label() {
            return measure.deadline().chineseLabel();
        }

        /** Reports are expected for a month while the measure is open in it. */
        boolean openDuring(YearMonth month) {
            if (end() == null) {
                return true;
            }
            if (completed()) {
                return false;
            }
            return !end().isBefore(month.atDay(1)) && !start().isAfter(month.atEndOfMonth());
        }

        String reportStatus() {
            ReportStatus status = progress == null ? ReportStatus.NOT_STARTED : progress.status();
            return "报告状态：" + status.chineseName();
        }

        String standing() {
            return "（" + reportStatus() + "，完成 " + percent() + "%）";
        }

        /** 附件1 第30项「…」: the task as people cite it, then the measure's text. */
        String named() {
            return catalogue.taskReference(measure) + "措施「" + (measure.text() == null ? measure.id() : measure.text()) + "」";
        }

        String shortText() {
            String text = measure.text() == null ? measure.id() : measure.text();
            return catalogue.taskReference(measure) + " " + (text.length() <= 40 ? text : text.substring(0, 40) + "…");
        }

        AlertDraft draft(AlertRule rule, String period, LocalDate today, String title, String reason) {
            Recipients.Addressed to = recipients.address(rule, measure);
            return new AlertDraft(rule, rule.defaultSeverity(), SubjectType.MEASURE, measure.id(), period, measure.planId(),
                    title, reason, to.departments(), to.audiences(), today);
        }
    }
}
