package org.ecoplan.notification.supervision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.notification.alert.AlertDraft;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.alert.Audience;
import org.ecoplan.notification.alert.SubjectType;
import org.ecoplan.progress.contract.ReportEvent;

/**
 * Review rules: a report returned to its reporter (raised when the event arrives) and a report waiting for
 * review longer than {@code ecoplan.supervision.review.max-wait} (raised by the tick). Both are keyed by the
 * report's revision, so a resubmission that is returned or left waiting again alerts again.
 */
@ApplicationScoped
public class ReviewRules {

    private final SupervisionConfig config;
    private final Recipients recipients;
    private final CatalogueSnapshot catalogue;
    private final ProgressStore progress;

    ReviewRules(SupervisionConfig config, Recipients recipients, CatalogueSnapshot catalogue, ProgressStore progress) {
        this.config = config;
        this.recipients = recipients;
        this.catalogue = catalogue;
        this.progress = progress;
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
                "措施「" + what + "」的进展报告" + (report.period() == null ? "" : "（" + report.period() + "）") + "被 "
                        + report.reviewedBy() + " 退回，原因：" + report.returnReason() + "。请修改后重新提交。",
                to.departments(), to.audiences(), today);
    }

    public List<AlertDraft> waiting(Instant now, LocalDate today) {
        Duration maxWait = config.review().maxWait();
        List<AlertDraft> drafts = new ArrayList<>();
        for (ProgressStore.WaitingReport report : progress.waitingSince(now.minus(maxWait))) {
            MeasureState measure = catalogue.measure(report.measureId()).orElse(null);
            Recipients.Addressed to = measure == null
                    ? recipients.address(AlertRule.REVIEW_WAITING, Map.of())
                    : recipients.address(AlertRule.REVIEW_WAITING, measure);
            long hours = Duration.between(report.submittedAt(), now).toHours();
            String what = describe(measure, report.measureId());
            drafts.add(new AlertDraft(AlertRule.REVIEW_WAITING, AlertRule.REVIEW_WAITING.defaultSeverity(),
                    SubjectType.REPORT, report.reportId(), "rev" + report.revision(), report.planId(),
                    "【黄色预警】进展报告待审核已超过 " + maxWait.toHours() + " 小时：" + what,
                    "措施「" + what + "」的进展报告" + (report.period() == null ? "" : "（" + report.period() + "）") + "由 "
                            + report.departmentCode() + " 于 " + report.submittedAt() + " 提交，已等待审核 " + hours + " 小时。",
                    to.departments(), to.audiences(), today));
        }
        return drafts;
    }

    private static String describe(MeasureState measure, String measureId) {
        if (measure == null || measure.text() == null) {
            return measureId;
        }
        return measure.text().length() <= 40 ? measure.text() : measure.text().substring(0, 40) + "…";
    }
}
