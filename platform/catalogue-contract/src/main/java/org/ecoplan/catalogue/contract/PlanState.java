package org.ecoplan.catalogue.contract;

/** One action plan (one attachment of the document, e.g. 附件1 持续污染防治攻坚2026年行动计划). */
public record PlanState(String id, long revision, String documentId, String district, int year, String edition,
        int attachment, String title, int taskCount, int measureCount) implements CatalogueState {

    /**
     * How people cite a key task of this plan: {@code 附件1 第5项} (task numbers restart in every attachment, so
     * "task 5" alone is ambiguous).
     */
    public String taskReference(int taskNumber) {
        return "附件" + attachment + " 第" + taskNumber + "项";
    }
}
