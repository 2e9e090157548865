package org.ecoplan.progress.ledger;

import org.ecoplan.progress.contract.ReportStatus;

/**
 * The 状态 column, from the measure's official status and whether it is overdue — an interim rule until the
 * delivery state decided in one place (issue 10A: {@code DeliveryState} in progress-contract, stored in
 * {@code measure_status}) reaches this branch; the ledger then shows that state and its Chinese name instead.
 */
final class LedgerState {

    private LedgerState() {
    }

    /** The state's code: OVERDUE when past the deadline and not completed, else the official status. */
    static String code(ReportStatus status, boolean overdue, Boolean completedOnTime) {
        if (status == ReportStatus.COMPLETED) {
            return Boolean.FALSE.equals(completedOnTime) ? "COMPLETED_LATE" : "COMPLETED";
        }
        return overdue ? "OVERDUE" : status.name();
    }

    static String chineseName(String code) {
        return switch (code) {
            case "NOT_STARTED" -> "未开始";
            case "ON_TRACK" -> "正常推进";
            case "AT_RISK" -> "存在风险";
            case "DELAYED" -> "进度滞后";
            case "COMPLETED" -> "已完成";
            case "COMPLETED_LATE" -> "逾期完成";
            case "OVERDUE" -> "已逾期";
            default -> "未知状态";
        };
    }
}
