package org.ecoplan.notification.planchange;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.EditionAdopted;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.inbox.InboxWriter;
import org.ecoplan.notification.inbox.MessageKind;
import org.ecoplan.web.clock.BusinessClock;

/**
 * Tells a department in its inbox what an adopted revised edition changed for it (plan-service's
 * {@code plan.edition-adopted.v1}): one NOTICE message listing each measure's change in a sentence.
 */
@ApplicationScoped
public class EditionMessages {

    /** The inbox's rule column for these notices (filterable like alert rules). */
    public static final String RULE = "EDITION_ADOPTED";

    private final InboxWriter inboxes;
    private final BusinessClock clock;

    EditionMessages(InboxWriter inboxes, BusinessClock clock) {
        this.inboxes = inboxes;
        this.clock = clock;
    }

    /** Writes the notice in the caller's transaction; the same notice again gets the same message id. */
    public void deliver(EditionAdopted notice) {
        if (notice.measures() == null || notice.measures().isEmpty()) {
            return;
        }
        String title = notice.district() + notice.year() + "年行动计划已采用" + notice.edition() + "（原" + notice.previousEdition()
                + "）：涉及本部门" + notice.measures().size() + "项工作措施调整";
        StringBuilder body = new StringBuilder();
        for (EditionAdopted.MeasureChange change : notice.measures()) {
            body.append("· [").append(change.change().chineseName()).append("] 附件").append(change.attachment())
                    .append("第").append(change.taskNumber()).append("项重点任务（").append(change.taskName())
                    .append("）第").append(change.position()).append("条：").append(change.summary()).append('\n')
                    .append("  ").append(abbreviate(change.text())).append('\n');
        }
        body.append("\n[").append(RULE).append(" · ").append(notice.documentId()).append(']');
        LocalDate businessDate = notice.adoptedAt() == null ? clock.today()
                : notice.adoptedAt().atZone(clock.zone()).toLocalDate();
        UUID id = UUID.nameUUIDFromBytes(("edition-adopted:" + notice.id()).getBytes(StandardCharsets.UTF_8));
        inboxes.deliverNotice(new InboxWriter.NewMessage(id, null, Audience.department(notice.departmentCode()),
                MessageKind.NOTICE, RULE, null, notice.documentId(), title, body.toString(), businessDate, clock.now(),
                false));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
