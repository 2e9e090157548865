package org.ecoplan.progress.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * One measure as the office ledger (台账) lists it.
 *
 * @param number          序号: the row's running number in the ledger (1, 2, …)
 * @param measureId       the catalogue id
 * @param attachment      the plan's 附件 number
 * @param taskNumber      the key task's number within its plan
 * @param task            重点任务
 * @param text            工作措施
 * @param deadlineLabel   完成时限 as the plan states it (年底前, 6-9月, 长期实施)
 * @param deadline        its last day; null for ongoing measures (长期实施, 持续推进)
 * @param lead            牵头部门 (names; a group such as 各街乡镇 as named)
 * @param responsible     主责单位
 * @param assisting       协办单位
 * @param progress        当前进展: the narrative of the approved report that set the official status; null without one
 * @param percentComplete 完成率 of that report, 0 without one
 * @param state           状态 as a code: the DeliveryState progress-service decided
 * @param stateName       状态 in Chinese
 * @param lastReportDate  最近报告日期: the day that report was submitted (district calendar); null without one
 */
public record LedgerRow(int number, String measureId, int attachment, int taskNumber, String task, String text,
        String deadlineLabel, LocalDate deadline, List<String> lead, List<String> responsible, List<String> assisting,
        String progress, int percentComplete, String state, String stateName, LocalDate lastReportDate) {
}
