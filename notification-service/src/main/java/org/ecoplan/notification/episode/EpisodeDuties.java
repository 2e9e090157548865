package org.ecoplan.notification.episode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.inbox.InboxWriter;
import org.ecoplan.notification.inbox.MessageKind;
import org.ecoplan.notification.webhook.WebhookEvent;
import org.ecoplan.notification.webhook.WebhookFanOut;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;

/**
 * Turns plan-service's episode states into what member units must do: on activation and on every level change one
 * urgent message per member unit with its duties for the level (e-mailed too where an address is configured), and a
 * request to acknowledge them; lifting closes the open requests and tells the units that the response ended. The
 * latest revision applied per episode is kept, so an older or repeated state changes nothing.
 */
@ApplicationScoped
public class EpisodeDuties {

    /** The inbox's rule column for the duty messages. */
    public static final String RULE = "EPISODE_DUTIES";
    /** The inbox's rule column for the end-of-response notices. */
    public static final String LIFTED_RULE = "EPISODE_LIFTED";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日HH:mm");

    private final EpisodeStore store;
    private final InboxWriter inboxes;
    private final BusinessClock clock;
    private final EpisodeConfig config;
    private final WebhookFanOut webhooks;

    EpisodeDuties(EpisodeStore store, InboxWriter inboxes, BusinessClock clock, EpisodeConfig config,
            WebhookFanOut webhooks) {
        this.store = store;
        this.inboxes = inboxes;
        this.clock = clock;
        this.config = config;
        this.webhooks = webhooks;
    }

    @Transactional(TxType.MANDATORY)
    public void apply(EpisodeState state) {
        Instant now = clock.now();
        LocalDate today = clock.today();
        if (!store.advance(state, now)) {
            Log.debugf("Episode %s revision %d is not newer than the one applied; skipped", state.id(), state.revision());
            return;
        }
        // Whatever came before is settled: a new level asks for a new acknowledgement, lifting asks for none.
        store.closeRequestsBefore(state.id(), state.revision(), now);
        if (state.liftedAt() != null || EpisodeEvents.LIFTED.name().equals(state.change())) {
            tellLifted(state, now, today);
            return;
        }
        List<EpisodeStore.NewRequest> requests = new ArrayList<>();
        List<InboxWriter.NewMessage> messages = new ArrayList<>();
        List<WebhookEvent> notices = new ArrayList<>();
        for (EpisodeState.MemberDuties member : state.members()) {
            UUID messageId = UUID.nameUUIDFromBytes(("episode:" + state.id() + ":" + state.revision() + ":"
                    + member.departmentCode()).getBytes(StandardCharsets.UTF_8));
            requests.add(new EpisodeStore.NewRequest(state.id(), state.revision(), member.departmentCode(), member.departmentName(),
                    state.level().name(), messageId));
            String title = title(state);
            String body = body(state, member);
            messages.add(new InboxWriter.NewMessage(messageId, null, Audience.department(member.departmentCode()),
                    MessageKind.NOTICE, RULE, "RED", state.id(), title, body, today, now, false));
            notices.add(notice(EpisodeNotice.DUTIES, messageId, new EpisodeNotice(state.id(), state.revision(),
                    state.level().name(), state.levelName(), member.departmentCode(), title, body,
                    member.duties().stream().map(duty -> new EpisodeNotice.Duty(duty.action(), duty.reportItems()))
                            .toList(), now.plus(config.acknowledgeWithin()), now)));
        }
        store.insertRequests(requests, now);
        messages.forEach(inboxes::deliverNotice);
        // Also to each unit's own systems where it subscribed (category NOTIFICATION): the "by webhook".
        webhooks.enqueue(notices);
        Log.infof("Episode %s %s at %s (revision %d): duties sent to %d member unit(s)", state.id(), state.change(),
                state.level(), state.revision(), messages.size());
    }

    private void tellLifted(EpisodeState state, Instant now, LocalDate today) {
        List<String> told = store.departmentsRequested(state.id());
        String when = state.liftedAt() == null ? "" : format(state.liftedAt()) + "起";
        List<WebhookEvent> notices = new ArrayList<>();
        for (String department : told) {
            UUID id = UUID.nameUUIDFromBytes(("episode-lifted:" + state.id() + ":" + department).getBytes(StandardCharsets.UTF_8));
            String title = "【预警解除】重污染天气" + state.levelName() + "已解除";
            String body = "重污染天气" + state.levelName() + when + "解除，应急响应终止，无需继续报送每日应对情况。\n原因："
                    + state.reason() + "\n\n[" + LIFTED_RULE + " · EPISODE " + state.id() + "]";
            inboxes.deliverNotice(new InboxWriter.NewMessage(id, null, Audience.department(department), MessageKind.NOTICE,
                    LIFTED_RULE, "INFO", state.id(), title, body, today, now, false));
            notices.add(notice(EpisodeNotice.LIFTED, id, new EpisodeNotice(state.id(), state.revision(), state.level().name(),
                    state.levelName(), department, title, body, List.of(), null, now)));
        }
        webhooks.enqueue(notices);
        Log.infof("Episode %s lifted (revision %d): %d member unit(s) told", state.id(), state.revision(), told.size());
    }

    private static WebhookEvent notice(String type, UUID messageId, EpisodeNotice notice) {
        return new WebhookEvent(WebhookEvent.Category.NOTIFICATION, type, messageId, notice, List.of(notice.departmentCode()),
                null);
    }

    private String title(EpisodeState state) {
        String what = EpisodeEvents.LEVEL_CHANGED.name().equals(state.change())
                ? "预警由" + (state.previousLevel() == null ? "" : state.previousLevel().chineseName()) + "调整为" + state.levelName()
                : "启动" + state.levelName() + "应急响应";
        return "【紧急】重污染天气" + what + "：请于" + hours(config.acknowledgeWithin()) + "内确认本单位应急任务";
    }

    private String body(EpisodeState state, EpisodeState.MemberDuties member) {
        StringBuilder body = new StringBuilder();
        body.append(member.departmentName()).append("：\n")
                .append(state.levelName()).append("（").append("CITY".equals(state.issuer()) ? "市级预警" : "区级预警").append("），")
                .append(format(state.startsAt())).append("至").append(format(state.expectedEndAt())).append("（预计）。\n")
                .append("原因：").append(state.reason()).append('\n');
        if (member.duties().isEmpty()) {
            body.append("应急减排清单未列出本单位在该级别的任务；请按指挥部要求做好应对。\n");
        } else {
            body.append("本单位应急任务：\n");
            int n = 1;
            for (EpisodeState.Duty duty : member.duties()) {
                body.append(n++).append(". ").append(duty.action());
                if (!duty.reportItems().isEmpty()) {
                    body.append("（每日报送：").append(String.join("、", duty.reportItems())).append('）');
                }
                body.append('\n');
            }
        }
        body.append("请于").append(hours(config.acknowledgeWithin()))
                .append("内确认（POST /episodes/").append(state.id()).append("/acknowledgement），逾期将报督办。\n\n[")
                .append(RULE).append(" · EPISODE ").append(state.id()).append(" · rev").append(state.revision()).append(']');
        return body.toString();
    }

    private String format(Instant instant) {
        return ZonedDateTime.ofInstant(instant, clock.zone()).format(TIME);
    }

    static String hours(java.time.Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + "小时" : minutes + "分钟";
    }
}
