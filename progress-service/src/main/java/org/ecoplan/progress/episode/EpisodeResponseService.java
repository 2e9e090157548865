package org.ecoplan.progress.episode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.ecoplan.progress.contract.EpisodeResponseSubmitted.Quantity;
import org.ecoplan.progress.episode.EpisodeReplica.EpisodeCopy;
import org.ecoplan.progress.episode.EpisodeReplica.Member;
import org.ecoplan.progress.episode.events.EpisodeResponsePublisher;
import org.ecoplan.progress.report.MeasureAccess;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.security.Caller;

import io.quarkus.logging.Log;

/**
 * Member units' daily responses to a heavy-pollution episode, checked against this service's copy of the episode:
 * the unit must be a member, the day one of the episode's (from its start to its lifting, never in the future), each
 * quantity one its duties ask for. Every refusal names the field and writes nothing; a filing or correction and its
 * {@code episode.response-submitted.v1} commit together.
 */
@ApplicationScoped
@Transactional
public class EpisodeResponseService {

    private final EpisodeReplica episodes;
    private final EpisodeResponseRepository responses;
    private final EpisodeResponsePublisher events;
    private final MeasureAccess access;
    private final BusinessClock clock;
    private final Caller caller;

    EpisodeResponseService(EpisodeReplica episodes, EpisodeResponseRepository responses, EpisodeResponsePublisher events,
            MeasureAccess access, BusinessClock clock, Caller caller) {
        this.episodes = episodes;
        this.responses = responses;
        this.events = events;
        this.access = access;
        this.clock = clock;
        this.caller = caller;
    }

    /**
     * What a unit files for one day.
     *
     * @param departmentCode the unit; null for the caller's own department
     */
    public record Filing(String departmentCode, LocalDate day, List<Quantity> quantities, String narrative,
            Instant clientTimestamp) {
    }

    public EpisodeResponse file(String episodeId, Filing filing) {
        EpisodeCopy episode = episode(episodeId);
        String unit = reportingUnit(filing.departmentCode());
        Member member = member(episode, unit);
        requireDayOfEpisode(episode, filing.day());
        requireAskedFor(member, filing.quantities());
        responses.lockDay(episode.id(), unit, filing.day());
        responses.findDay(episode.id(), unit, filing.day()).ifPresent(existing -> {
            throw ProblemException.conflict(unit + " already reported " + filing.day() + " of episode " + episode.id()
                    + " as response " + existing.id + "; correct that one (PUT with If-Match) / 该单位当日已报送: " + existing.id);
        });
        Instant now = clock.now();
        EpisodeResponse response = new EpisodeResponse();
        response.id = UUID.randomUUID();
        response.episodeId = episode.id();
        response.departmentCode = unit;
        response.departmentName = member.departmentName();
        response.day = filing.day();
        response.level = episode.level().name();
        response.reporter = caller.name();
        response.firstSubmittedAt = now;
        response.revision = 1;
        apply(response, filing, now);
        responses.persist(response);
        events.publish(response);
        Log.infof("Episode %s: %s reported %s (response %s, by %s)", episode.id(), unit, filing.day(), response.id, response.reporter);
        return response;
    }

    /** Replaces a response's quantities and narrative; the unit and the day stay. */
    public EpisodeResponse correct(String episodeId, UUID responseId, long expectedRevision, Filing filing) {
        EpisodeResponse response = responses.findById(responseId, LockModeType.PESSIMISTIC_WRITE);
        if (response == null || !response.episodeId.equals(episodeId)) {
            throw ProblemException.notFound("response", responseId);
        }
        String unit = access.callerDepartment();
        if (!unit.equals(response.departmentCode)) {
            throw ProblemException.forbidden("Response " + response.id + " belongs to " + response.departmentCode + "; "
                    + unit + " cannot correct it / 无权修改其他单位的报送");
        }
        ETags.requireCurrent(expectedRevision, response.revision);
        requireUnchanged("departmentCode", response.departmentCode, filing.departmentCode() == null ? response.departmentCode
                : filing.departmentCode());
        requireUnchanged("day", response.day, filing.day());
        Member member = member(episode(episodeId), response.departmentCode);
        requireAskedFor(member, filing.quantities());
        response.reporter = caller.name();
        response.revision++;
        apply(response, filing, clock.now());
        events.publish(response);
        Log.infof("Episode %s: %s corrected %s (response %s, revision %d)", episodeId, unit, response.day, response.id,
                response.revision);
        return response;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EpisodeResponse> list(String episodeId, LocalDate day, String departmentCode) {
        episode(episodeId);
        String department = departmentCode;
        if (!access.seesEverything()) {
            String own = access.callerDepartment();
            if (department == null) {
                department = own;
            }
            access.requireOwnDepartment(department);
        }
        return responses.ofEpisode(episodeId, day, department);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EpisodeResponse get(String episodeId, UUID responseId) {
        EpisodeResponse response = responses.findByIdOptional(responseId).filter(found -> found.episodeId.equals(episodeId))
                .orElseThrow(() -> ProblemException.notFound("response", responseId));
        access.requireOwnDepartment(response.departmentCode);
        return response;
    }

    private static void apply(EpisodeResponse response, Filing filing, Instant now) {
        response.quantities = filing.quantities() == null ? List.of() : List.copyOf(filing.quantities());
        response.narrative = filing.narrative() == null ? "" : filing.narrative().strip();
        response.clientTimestamp = filing.clientTimestamp();
        response.submittedAt = now;
    }

    private EpisodeCopy episode(String episodeId) {
        return episodes.find(episodeId).orElseThrow(() -> ProblemException.notFound("episode", episodeId));
    }

    /** The caller's department, or the one the body names, which must be the caller's. */
    private String reportingUnit(String named) {
        String own = access.callerDepartment();
        if (named != null && !named.equals(own)) {
            throw ProblemException.forbidden("Department " + own + " cannot report for " + named + " / 无权代其他单位报送");
        }
        return own;
    }

    private Member member(EpisodeCopy episode, String unit) {
        return episodes.member(episode.id(), unit).orElseThrow(() -> ProblemException.unprocessable(unit
                + " is not a member unit of episode " + episode.id() + " / 非本次应急响应的成员单位",
                List.of(new Problem.FieldProblem("departmentCode", unit + " is not a member unit of the episode"))));
    }

    private void requireDayOfEpisode(EpisodeCopy episode, LocalDate day) {
        LocalDate first = LocalDate.ofInstant(episode.startsAt(), clock.zone());
        LocalDate today = clock.today();
        LocalDate last = episode.liftedAt() == null ? today : LocalDate.ofInstant(episode.liftedAt(), clock.zone());
        if (last.isAfter(today)) {
            last = today;
        }
        if (day.isBefore(first) || day.isAfter(last)) {
            throw ProblemException.unprocessable("day " + day + " is not a day of episode " + episode.id() + " (" + first + " to "
                    + last + ") / 报送日期不在本次应急期间", List.of(new Problem.FieldProblem("day",
                            "must be a day of the episode, " + first + " to " + last)));
        }
    }

    /** Each quantity must be a report item of the unit's duties, and named once. */
    private static void requireAskedFor(Member member, List<Quantity> quantities) {
        if (quantities == null) {
            return;
        }
        List<Problem.FieldProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < quantities.size(); i++) {
            String name = quantities.get(i).name();
            if (!member.reportItems().contains(name)) {
                problems.add(new Problem.FieldProblem("quantities[" + i + "].name", "unknown quantity " + name + "; "
                        + member.departmentCode() + " reports " + (member.reportItems().isEmpty() ? "no quantities"
                                : String.join(", ", member.reportItems()))));
            } else if (!seen.add(name)) {
                problems.add(new Problem.FieldProblem("quantities[" + i + "].name", name + " appears twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable(problems.get(0).field() + ": " + problems.get(0).message()
                    + " / 报送内容不在本单位应急任务的报送项中", problems);
        }
    }

    private static void requireUnchanged(String field, Object current, Object requested) {
        if (!Objects.equals(current, requested)) {
            throw ProblemException.unprocessable(field + " of a response cannot change / 报送的" + field + "不可修改",
                    List.of(new Problem.FieldProblem(field, "must stay " + current)));
        }
    }
}
