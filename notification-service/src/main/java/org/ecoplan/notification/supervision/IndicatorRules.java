package org.ecoplan.notification.supervision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.contract.IndicatorStatusChanged;
import org.ecoplan.notification.alert.AlertDraft;
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.alert.Severity;
import org.ecoplan.notification.alert.SubjectType;

/**
 * Indicator rules, on each newer indicator judgement: a worsening status (ON_TRACK → AT_RISK → OFF_TRACK;
 * red when off track) and a heavy-pollution day budget with at most {@code pollution-budget-threshold} days
 * left: once per heavy-pollution day counted from then on, also every further one beyond the budget.
 */
@ApplicationScoped
public class IndicatorRules {

    private final SupervisionConfig config;
    private final Recipients recipients;

    IndicatorRules(SupervisionConfig config, Recipients recipients) {
        this.config = config;
        this.recipients = recipients;
    }

    public List<AlertDraft> evaluate(IndicatorStatusChanged change, LocalDate today) {
        List<AlertDraft> drafts = new ArrayList<>();
        Map<String, List<String>> byRole = Map.of(
                "LEAD", change.leadDepartments() == null ? List.of() : change.leadDepartments(),
                "COOPERATING", change.cooperatingDepartments() == null ? List.of() : change.cooperatingDepartments());
        if (change.status() != null && change.status().isWorseThan(change.previousStatus())) {
            Recipients.Addressed to = recipients.address(AlertRule.INDICATOR_WORSENED, byRole);
            Severity severity = change.status() == IndicatorStatus.OFF_TRACK ? Severity.RED : Severity.YELLOW;
            drafts.add(new AlertDraft(AlertRule.INDICATOR_WORSENED, severity, SubjectType.INDICATOR, change.indicatorId(),
                    change.year() + ":" + change.previousStatus() + "->" + change.status() + "#" + change.sequence(),
                    null, "【" + (severity == Severity.RED ? "红色" : "黄色") + "预警】指标状态恶化（"
                            + change.previousStatus().chineseName() + " → " + change.status().chineseName() + "）：" + change.name(),
                    "指标「" + change.name() + "」年度目标 " + text(change.targetValue()) + " " + unit(change) + "，当前值 "
                            + text(change.valueSoFar()) + "，预计年末 " + text(change.projectedValue()) + "。状态由「"
                            + change.previousStatus().chineseName() + "」变为「" + change.status().chineseName() + "」。"
                            + chinese(change.requiredForRestText()),
                    to.departments(), to.audiences(), today));
        }
        if (pollutionBudget(change) && change.requiredForRest().compareTo(BigDecimal.valueOf(config.indicators().pollutionBudgetThreshold())) <= 0) {
            drafts.add(pollutionBudget(change, byRole, today));
        }
        return drafts;
    }

    /**
     * Keyed by the number of heavy-pollution days so far, not by the days left: the days left stop at 0 when the
     * budget is spent, while every further heavy day must be told again with its count.
     */
    private AlertDraft pollutionBudget(IndicatorStatusChanged change, Map<String, List<String>> byRole, LocalDate today) {
        Recipients.Addressed to = recipients.address(AlertRule.POLLUTION_BUDGET, byRole);
        String left = change.requiredForRest().stripTrailingZeros().toPlainString();
        BigDecimal heavy = change.valueSoFar();
        BigDecimal over = heavy == null || change.targetValue() == null ? null : heavy.subtract(change.targetValue());
        String title;
        String standing;
        if (over != null && over.signum() > 0) {
            title = "【红色预警】重污染天数已超出全年上限 " + text(over) + " 天：";
            standing = "，已超出上限 " + text(over) + " 天。";
        } else if (change.requiredForRest().signum() == 0) {
            title = "【红色预警】重污染天数余量已用完：";
            standing = "，余下时间不得再出现重污染天。";
        } else {
            title = "【红色预警】重污染天数余量仅剩 " + left + " 天：";
            standing = "，余下时间至多还可出现 " + left + " 天。";
        }
        return new AlertDraft(AlertRule.POLLUTION_BUDGET, AlertRule.POLLUTION_BUDGET.defaultSeverity(),
                SubjectType.INDICATOR, change.indicatorId(),
                change.year() + (heavy == null ? ":left-" + left : ":heavy-" + text(heavy)), null, title + change.name(),
                "指标「" + change.name() + "」全年至多 " + text(change.targetValue()) + " 天，今年已出现 " + text(heavy) + " 天"
                        + standing,
                to.departments(), to.audiences(), today);
    }

    private boolean pollutionBudget(IndicatorStatusChanged change) {
        return "COUNT_OF_DAYS".equals(change.kind()) && "AT_MOST".equals(change.comparison())
                && change.name() != null && change.name().contains(config.indicators().pollutionBudgetNameContains())
                && change.requiredForRest() != null;
    }

    /**
     * The Chinese half of indicator-service's "English / 中文" text, for a Chinese alert body; the whole text if it
     * has no such half.
     */
    static String chinese(String bilingual) {
        if (bilingual == null) {
            return "";
        }
        int separator = bilingual.lastIndexOf(" / ");
        return separator < 0 ? bilingual : bilingual.substring(separator + 3) + "。";
    }

    private static String text(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }

    private static String unit(IndicatorStatusChanged change) {
        return change.unit() == null ? "" : change.unit();
    }
}
