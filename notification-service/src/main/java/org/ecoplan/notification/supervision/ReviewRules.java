package org.ecoplan.notification.supervision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.notification.alert.AlertDraft;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.alert.SubjectType;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.web.clock.BusinessClock;

/**
 * Review rules: a report returned to its reporter (raised when the event arrives) and a report waiting for
 * review longer than {@code ecoplan.supervision.review.max-wait} (raised by the tick). Both are keyed by the
 * report's revision, so a resubmission that is returned or left waiting again alerts again.
 */
@ApplicationScoped
public class ReviewRules {

    /** Times in Chinese texts: the district's wall clock, as people there read it. */
    private static final DateTimeFormatter DISTRICT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SupervisionConfig config;
    private final Recipients recipients;
    private final CatalogueSnapshot catalogue;
    private final ReportsAwaitingReview awaitingReview;
    private final BusinessClock clock;

    ReviewRules(SupervisionConfig config, Recipients recipients, CatalogueSnapshot catalogue, ReportsAwaitingReview awaitingReview,
            BusinessClock clock) {
        this.config = config;
        this.recipients = recipients;
        this.catalogue = catalogue;
        this.awaitingReview = awaitingReview;
        this.clock = clock;
    }

    public AlertDraft returned(ReportEvent report, LocalDate today) {
        MeasureState measure = catalogue.measure(report.measureId()).orElse(null);
        Recipients.Addressed to = measure == null
                ? recipients.address(AlertRule.REPORT_RETURNED, Map.of())
                : recipients.address(AlertRule.REPORT_RETURNED, measure);
        if (report.departmentCode() != null) {
            to = to.with(Audience.department(report.departmentCode()), report.departmentCode());
        }
        if (report.reporter() != null) {
            to = to.with(Audience.user(report.reporter()), null);
        }
        String what = describe(measure, report.measureId());
        return new AlertDraft(AlertRule.REPORT_RETURNED, AlertRule.REPORT_RETURNED.defaultSeverity(), SubjectType.REPORT,
                report.reportId(), "rev" + report.reportRevision(), report.planId(),
                "进展报告被退回" + (report.period() == null ? "" : "（" + report.period() + "）") + "：" + what,
                what + "的进展报告" + (report.period() == null ? "" : "（" + report.period() + "）") + "被 "
                        + report.reviewedBy() + " 退回，原因：" + report.returnReason() + "。请修改后重新提交。",
                to.departments(), to.audiences(), today);
    }

    public List<AlertDraft> waiting(Instant now, LocalDate today) {
        Duration maxWait = config.review().maxWait();
        List<AlertDraft> drafts = new ArrayList<>();
        for (ReportsAwaitingReview.WaitingReport report : awaitingReview.since(now.minus(maxWait))) {
            MeasureState measure = catalogue.measure(report.measureId()).orElse(null);
            Recipients.Addressed to = measure == null
                    ? recipients.address(AlertRule.REVIEW_WAITING, Map.of())
                    : recipients.address(AlertRule.REVIEW_WAITING, measure);
            long hours = Duration.between(report.submittedAt(), now).toHours();
            String what = describe(measure, report.measureId());
            drafts.add(new AlertDraft(AlertRule.REVIEW_WAITING, AlertRule.REVIEW_WAITING.defaultSeverity(),
                    SubjectType.REPORT, report.reportId(), "rev" + report.revision(), report.planId(),
                    "【黄色预警】进展报告待审核已超过 " + maxWait.toHours() + " 小时：" + what,
                    what + "的进展报告" + (report.period() == null ? "" : "（" + report.period() + "）") + "由 "
                            + catalogue.departmentName(report.departmentCode()) + " 于 " + DISTRICT_TIME.format(
                                    report.submittedAt().atZone(clock.zone())) + " 提交，已等待审核 " + hours + " 小时。",
                    to.departments(), to.audiences(), today));
        }
        return drafts;
    }

    /** 附件1 第30项措施「…」, shortened; the id while the catalogue does not know the measure. */
    private String describe(MeasureState measure, String measureId) {
        if (measure == null || measure.text() == null) {
            return "措施 " + measureId;
        }
        String text = measure.text().length() <= 40 ? measure.text() : measure.text().substring(0, 40) + "…";
        return catalogue.taskReference(measure) + "措施「" + text + "」";
    }
}
