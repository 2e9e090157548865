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
 * red when off track) and a heavy-pollution day budget with at most
 * {@code pollution-budget-threshold} days left (once per number of days left).
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
                    null, "【" + (severity == Severity.RED ? "红色" : "黄色") + "预警】指标状态恶化（" + change.previousStatus() + " → "
                            + change.status() + "）：" + change.name(),
                    "指标「" + change.name() + "」年度目标 " + text(change.targetValue()) + " " + unit(change) + "，当前值 "
                            + text(change.valueSoFar()) + "，预计年末 " + text(change.projectedValue()) + "。状态由 "
                            + change.previousStatus() + " 变为 " + change.status() + "。"
                            + (change.requiredForRestText() == null ? "" : change.requiredForRestText()),
                    to.departments(), to.audiences(), today));
        }
        if (pollutionBudget(change) && change.requiredForRest().compareTo(BigDecimal.valueOf(config.indicators().pollutionBudgetThreshold())) <= 0) {
            Recipients.Addressed to = recipients.address(AlertRule.POLLUTION_BUDGET, byRole);
            String left = change.requiredForRest().stripTrailingZeros().toPlainString();
            drafts.add(new AlertDraft(AlertRule.POLLUTION_BUDGET, AlertRule.POLLUTION_BUDGET.defaultSeverity(),
                    SubjectType.INDICATOR, change.indicatorId(), change.year() + ":left-" + left, null,
                    "【红色预警】重污染天数余量仅剩 " + left + " 天：" + change.name(),
                    "指标「" + change.name() + "」全年至多 " + text(change.targetValue()) + " 天，今年已出现 "
                            + text(change.valueSoFar()) + " 天，余下时间至多还可出现 " + left + " 天。",
                    to.departments(), to.audiences(), today));
        }
        return drafts;
    }

    private boolean pollutionBudget(IndicatorStatusChanged change) {
        return "COUNT_OF_DAYS".equals(change.kind()) && "AT_MOST".equals(change.comparison())
                && change.name() != null && change.name().contains(config.indicators().pollutionBudgetNameContains())
                && change.requiredForRest() != null;
    }

    private static String text(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }

    private static String unit(IndicatorStatusChanged change) {
        return change.unit() == null ? "" : change.unit();
    }
}
