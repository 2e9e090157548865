package org.ecoplan.progress.episode;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.progress.evidence.Evidence;
import org.ecoplan.progress.evidence.EvidenceContent;
import org.ecoplan.progress.evidence.EvidenceFiles;
import org.ecoplan.progress.report.MeasureAccess;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.security.Caller;

import io.quarkus.logging.Log;

/**
 * Photos of a daily response, stored like a report's evidence (same table, same checks in {@link EvidenceFiles}) in the
 * transaction that counts them on the response and raises its revision, so a response never claims a file that is
 * not there. Attaching a photo publishes nothing, as for reports; the next correction's event carries the count.
 */
@ApplicationScoped
public class EpisodeEvidenceService {

    private final EpisodeResponseRepository responses;
    private final MeasureAccess access;
    private final BusinessClock clock;
    private final Caller caller;

    EpisodeEvidenceService(EpisodeResponseRepository responses, MeasureAccess access, BusinessClock clock, Caller caller) {
        this.responses = responses;
        this.access = access;
        this.clock = clock;
        this.caller = caller;
    }

    /** @return the stored file and the response's new revision */
    @Transactional
    public Attached attach(String episodeId, UUID responseId, EvidenceFiles.Checked file, byte[] content) {
        EpisodeResponse response = responses.findById(responseId, LockModeType.PESSIMISTIC_WRITE);
        if (response == null || !response.episodeId.equals(episodeId)) {
            throw ProblemException.notFound("response", responseId);
        }
        String department = access.callerDepartment();
        if (!department.equals(response.departmentCode)) {
            throw ProblemException.forbidden("Response " + response.id + " belongs to " + response.departmentCode + "; "
                    + department + " cannot attach photos to it / 无权为其他单位的报送添加附件");
        }
        Evidence evidence = new Evidence();
        evidence.id = UUID.randomUUID();
        evidence.episodeResponseId = response.id;
        evidence.fileName = file.fileName();
        evidence.mediaType = file.type().mediaType();
        evidence.sizeBytes = content.length;
        evidence.sha256 = file.sha256();
        evidence.uploadedBy = caller.name();
        evidence.uploadedAt = clock.now();
        evidence.persist();
        EvidenceContent stored = new EvidenceContent();
        stored.evidenceId = evidence.id;
        stored.content = content;
        stored.persist();
        response.evidenceCount++;
        response.revision++;
        Log.infof("Evidence %s (%s, %d bytes, sha256 %s) attached to episode response %s", evidence.id, evidence.mediaType,
                evidence.sizeBytes, evidence.sha256, response.id);
        return new Attached(evidence, response.revision);
    }

    @Transactional(TxType.SUPPORTS)
    public List<Evidence> list(String episodeId, UUID responseId) {
        readable(episodeId, responseId);
        return Evidence.list("episodeResponseId = ?1 order by uploadedAt, id", responseId);
    }

    @Transactional(TxType.SUPPORTS)
    public Download download(String episodeId, UUID responseId, UUID evidenceId) {
        readable(episodeId, responseId);
        Evidence evidence = Evidence.<Evidence>find("id = ?1 and episodeResponseId = ?2", evidenceId, responseId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("evidence", evidenceId));
        return new Download(evidence, EvidenceContent.<EvidenceContent>findById(evidenceId).content);
    }

    private EpisodeResponse readable(String episodeId, UUID responseId) {
        EpisodeResponse response = responses.findByIdOptional(responseId).filter(found -> found.episodeId.equals(episodeId))
                .orElseThrow(() -> ProblemException.notFound("response", responseId));
        access.requireOwnDepartment(response.departmentCode);
        return response;
    }

    public record Attached(Evidence evidence, long responseRevision) {
    }

    public record Download(Evidence evidence, byte[] content) {
    }
}
