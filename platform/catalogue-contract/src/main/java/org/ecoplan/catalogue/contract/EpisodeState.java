package org.ecoplan.catalogue.contract;

import java.time.Instant;
import java.util.List;

/**
 * A heavy-pollution episode as its events carry it: the whole state after one change, so that a consumer that only
 * sees the latest record (the topic is compacted) still knows the level, whether it was lifted and what every member
 * unit must do now.
 *
 * @param id              the episode, also the Kafka key
 * @param revision        1 at activation, +1 per change; a consumer ignores a revision it has seen
 * @param change          ACTIVATED, LEVEL_CHANGED or LIFTED: what made this revision
 * @param level           the warning level now
 * @param levelName       its Chinese name, e.g. 橙色预警
 * @param previousLevel   the level before a LEVEL_CHANGED, else null
 * @param issuer          CITY (市级预警) or DISTRICT (区级预警)
 * @param reason          why the warning was issued or changed
 * @param startsAt        when the response starts
 * @param expectedEndAt   when it is expected to end
 * @param liftedAt        when it was lifted; null while active
 * @param changedAt       when this change takes effect
 * @param changedBy       who recorded it (token subject)
 * @param dutyListVersion the version of the duty list the members' duties come from; null if none was loaded
 * @param members         every member unit of 区空气重污染应急指挥部成员单位 with its duties at {@code level}
 *                        (empty duties when the list names none for it); empty after lifting
 */
public record EpisodeState(String id, long revision, String change, WarningLevel level, String levelName,
        WarningLevel previousLevel, String issuer, String reason, Instant startsAt, Instant expectedEndAt,
        Instant liftedAt, Instant changedAt, String changedBy, Integer dutyListVersion, List<MemberDuties> members) {

    /** The department group whose members respond: 区空气重污染应急指挥部成员单位. */
    public static final String MEMBER_GROUP = "AIR-EMERGENCY-HQ-MEMBERS";

    /**
     * @param departmentCode e.g. HOUSING
     * @param departmentName e.g. 区住房城乡建设委
     * @param duties         what it must do at the level, in the list's order
     */
    public record MemberDuties(String departmentCode, String departmentName, List<Duty> duties) {
    }

    /**
     * @param level       the level the list names it for (it applies from that level up)
     * @param action      what must be done, e.g. 停止土石方作业
     * @param reportItems the quantities reported daily, e.g. [检查工地数, 停工工地数]
     */
    public record Duty(WarningLevel level, String action, List<String> reportItems) {
    }
}
