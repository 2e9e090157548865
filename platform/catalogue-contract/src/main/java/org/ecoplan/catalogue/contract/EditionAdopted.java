package org.ecoplan.catalogue.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What the adoption of a revised edition (征求意见稿 → 修订稿) changed for one department: published once per affected
 * department as {@value #TYPE} on {@link CatalogueEvents#TOPIC}, in the transaction that adopts the edition (with the
 * measures' new states). notification-service turns it into inbox messages; catalogue replicas skip the type.
 *
 * <p>Like every record of the compacted catalogue topic it is keyed by its {@code id} and carries a {@code revision}:
 * the id is {@code <documentId>:<departmentCode>} (a document is adopted once, so a notice never changes and its
 * revision is always 1).
 *
 * <p>A department is affected by a measure that names it (directly or through a group it belongs to) before or
 * after the adoption and that was added, removed (closed), changed (text, deadline or departments) or moved to
 * another task or position.
 *
 * @param id                 {@code <documentId>:<departmentCode>}, also the Kafka key
 * @param revision           always 1
 * @param documentId         the adopted edition's document
 * @param previousDocumentId the edition it replaced
 * @param edition            e.g. 修订稿
 * @param previousEdition    e.g. 征求意见稿
 * @param departmentCode     the department told
 * @param departmentName     its name, e.g. 区生态环境局
 * @param measures           what changed for it, in catalogue order
 */
public record EditionAdopted(String id, long revision, String documentId, String previousDocumentId, String district, int year,
        String edition, String previousEdition, Instant adoptedAt, String adoptedBy, String departmentCode,
        String departmentName, List<MeasureChange> measures) {

    public static final String TYPE = "plan.edition-adopted.v1";
    public static final String AGGREGATE_TYPE = "edition-adoption";

    /** The notice for one department; its id is derived from the document and the department. */
    public static EditionAdopted of(String documentId, String previousDocumentId, String district, int year,
            String edition, String previousEdition, Instant adoptedAt, String adoptedBy, String departmentCode,
            String departmentName, List<MeasureChange> measures) {
        return new EditionAdopted(documentId + ":" + departmentCode, 1, documentId, previousDocumentId, district, year,
                edition, previousEdition, adoptedAt, adoptedBy, departmentCode, departmentName, measures);
    }

    /**
     * One measure's change as it concerns the department.
     *
     * @param measureId        the catalogue id (unchanged for measures that continue)
     * @param change           ADDED, REMOVED (closed), CHANGED or MOVED (a changed measure that also moved is CHANGED
     *                         with {@code moved} true)
     * @param rolesBefore      the department's roles in the measure before (LEAD, RESPONSIBLE, ASSISTING); empty if
     *                         it was not named
     * @param rolesAfter       its roles after; empty if it is no longer named or the measure was removed
     * @param text             the measure's text now (the last text for a removed measure)
     * @param previousText     the text before, when it changed
     * @param deadlineLabel    the 完成时限 now, e.g. 9月底前
     * @param previousDeadline the 完成时限 before, when it changed
     * @param summary          one sentence in Chinese for the inbox, e.g. 工作措施内容有修改；完成时限由年底前调整为9月底前
     */
    public record MeasureChange(String measureId, Change change, boolean moved, int attachment, int taskNumber,
            String taskName, int position, List<String> rolesBefore, List<String> rolesAfter, String text,
            String previousText, String deadlineLabel, String previousDeadline, String summary) {
    }

    public enum Change {
        ADDED("新增"), REMOVED("删除"), CHANGED("修改"), MOVED("调整位置"), UNKNOWN("其他变化");

        private final String chineseName;

        Change(String chineseName) {
            this.chineseName = chineseName;
        }

        public String chineseName() {
            return chineseName;
        }

        @JsonCreator
        public static Change of(String value) {
            for (Change change : values()) {
                if (change.name().equals(value)) {
                    return change;
                }
            }
            return UNKNOWN;
        }
    }
}
