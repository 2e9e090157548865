package org.ecoplan.notification.bulletin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.indicator.contract.BulletinPublished;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.inbox.InboxWriter;
import org.ecoplan.notification.inbox.MessageKind;
import org.ecoplan.web.clock.BusinessClock;

/**
 * Tells the supervisors and every lead (or responsible) department that a month's supervision bulletin
 * (月度调度通报) is out, with its links (indicator-service's {@code bulletin.published.v1}): one NOTICE per inbox.
 */
@ApplicationScoped
public class BulletinMessages {

    /** The inbox's rule column for these notices (filterable like alert rules). */
    public static final String RULE = "BULLETIN_PUBLISHED";

    private final InboxWriter inboxes;
    private final BusinessClock clock;

    BulletinMessages(InboxWriter inboxes, BusinessClock clock) {
        this.inboxes = inboxes;
        this.clock = clock;
    }

    /** Writes the notices in the caller's transaction; the same bulletin again gets the same message ids. */
    public void deliver(BulletinPublished bulletin) {
        String subject = bulletin.district() + "/" + bulletin.month();
        String title = "【月度调度通报】" + bulletin.title() + "已印发";
        StringBuilder body = new StringBuilder(bulletin.summaryText() == null ? "" : bulletin.summaryText()).append("\n\n");
        if (bulletin.needingSupervision() > 0) {
            body.append("需督办").append(bulletin.needingSupervision()).append("项（已逾期").append(bulletin.overdue())
                    .append("项，滞后于序时进度").append(bulletin.behindPace()).append("项），请各牵头单位对照通报抓紧推进。\n");
        }
        if (bulletin.links() != null) {
            body.append("在线阅读：").append(bulletin.links().html()).append('\n')
                    .append("Word：").append(bulletin.links().docx()).append('\n')
                    .append("PDF：").append(bulletin.links().pdf()).append('\n');
        }
        body.append("\n[").append(RULE).append(" · ").append(subject).append(']');
        List<Audience> audiences = new ArrayList<>();
        audiences.add(Audience.SUPERVISORS);
        for (String code : bulletin.leadDepartments() == null ? List.<String>of() : bulletin.leadDepartments()) {
            audiences.add(Audience.department(code));
        }
        for (Audience audience : audiences) {
            UUID id = UUID.nameUUIDFromBytes(("bulletin:" + subject + ":" + audience.box() + ":" + audience.owner())
                    .getBytes(StandardCharsets.UTF_8));
            inboxes.deliverNotice(new InboxWriter.NewMessage(id, null, audience, MessageKind.NOTICE, RULE, null, subject,
                    title, body.toString(), bulletin.issuedOn() == null ? clock.today() : bulletin.issuedOn(), clock.now(), false));
        }
    }
}
