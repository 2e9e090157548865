package org.ecoplan.progress.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.progress.report.MeasureAccess;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportHistory;
import org.ecoplan.progress.report.ReportRepository;
import org.ecoplan.progress.report.ReportService;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.security.Caller;

import io.quarkus.logging.Log;

/**
 * Evidence files of reports, stored in PostgreSQL in the transaction that counts them on the report (and
 * writes its action row), so a report never claims a file that is not there.
 */
@ApplicationScoped
public class EvidenceService {

    private final ReportService workflow;
    private final ReportRepository reports;
    private final ReportHistory history;
    private final MeasureAccess access;
    private final BusinessClock clock;
    private final Caller caller;

    EvidenceService(ReportService workflow, ReportRepository reports, ReportHistory history, MeasureAccess access,
            BusinessClock clock, Caller caller) {
        this.workflow = workflow;
        this.reports = reports;
        this.history = history;
        this.access = access;
        this.clock = clock;
        this.caller = caller;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Attaches a file to a draft or returned report of the caller's department. */
    @Transactional
    public Attached add(UUID reportId, String fileName, FileType type, byte[] content, String sha256) {
        ProgressReport report = workflow.locked(reportId);
        access.requireMayEdit(report);
        if (!report.isEditable()) {
            throw ProblemException.conflict("report " + report.id + " is " + report.state
                    + "; evidence is attached to DRAFT and RETURNED reports / 已提交的报告不能再添加附件");
        }
        ReportHistory.Change change = history.begin(report);
        Instant now = clock.now();
        Evidence evidence = new Evidence();
        evidence.id = UUID.randomUUID();
        evidence.reportId = report.id;
        evidence.fileName = fileName;
        evidence.mediaType = type.mediaType();
        evidence.sizeBytes = content.length;
        evidence.sha256 = sha256;
        evidence.uploadedBy = caller.name();
        evidence.uploadedAt = now;
        evidence.persist();
        EvidenceContent stored = new EvidenceContent();
        stored.evidenceId = evidence.id;
        stored.content = content;
        stored.persist();
        report.evidenceCount++;
        change.record("EVIDENCE_ADDED", fileName + " (" + sha256 + ")", now);
        history.save(change);
        Log.infof("Evidence %s (%s, %d bytes, sha256 %s) attached to report %s", evidence.id, evidence.mediaType,
                evidence.sizeBytes, sha256, report.id);
        return new Attached(evidence, report.revision);
    }

    /** The report's files, oldest first, each with the report's current revision. */
    @Transactional(TxType.SUPPORTS)
    public List<Attached> list(UUID reportId) {
        ProgressReport report = readable(reportId);
        return Evidence.<Evidence>list("reportId = ?1 order by uploadedAt, id", reportId).stream()
                .map(evidence -> new Attached(evidence, report.revision)).toList();
    }

    /** The file and its content, if the caller may see the report. */
    @Transactional(TxType.SUPPORTS)
    public Download download(UUID reportId, UUID evidenceId) {
        readable(reportId);
        Evidence evidence = Evidence.<Evidence>find("id = ?1 and reportId = ?2", evidenceId, reportId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("evidence", evidenceId));
        EvidenceContent content = EvidenceContent.findById(evidenceId);
        return new Download(evidence, content.content);
    }

    /** A file on its report, and the report's revision (its ETag) that the view carries. */
    public record Attached(Evidence evidence, long reportRevision) {
    }

    public record Download(Evidence evidence, byte[] content) {
    }

    private ProgressReport readable(UUID reportId) {
        ProgressReport report = reports.findByIdOptional(reportId)
                .orElseThrow(() -> ProblemException.notFound("report", reportId));
        access.requireMayRead(report);
        return report;
    }
}
