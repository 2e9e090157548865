package org.ecoplan.notification.episode;

import java.time.Instant;
import java.util.List;

/**
 * What a member unit's webhook receives when it is sent its duties ({@value EpisodeNotice#DUTIES}) or told that the
 * warning is lifted ({@value EpisodeNotice#LIFTED}): the inbox message as text, and the facts a system acts on.
 * Category NOTIFICATION, filtered by the unit's department code; the webhook id is the inbox message's id, so a unit's
 * system gets each notice once.
 *
 * @param episodeId      the episode (plan-service)
 * @param revision       the episode's revision the notice is for
 * @param level          BLUE, YELLOW, ORANGE or RED
 * @param levelName      the level in Chinese (黄色预警, …)
 * @param departmentCode the member unit
 * @param title          the inbox message's title
 * @param body           the inbox message's text (duties, what to report, how to acknowledge)
 * @param duties         the unit's duties at the level (empty when lifted)
 * @param acknowledgeBy  when the unit must have acknowledged; {@code null} when lifted
 * @param sentAt         when it was sent (business clock)
 */
public record EpisodeNotice(String episodeId, long revision, String level, String levelName, String departmentCode,
        String title, String body, List<Duty> duties, Instant acknowledgeBy, Instant sentAt) {

    public static final String DUTIES = "notification.episode-duties-sent.v1";
    public static final String LIFTED = "notification.episode-lifted.v1";

    /** @param reportItems the quantities the unit reports daily for this duty */
    public record Duty(String action, List<String> reportItems) {
    }
}
