package org.ecoplan.progress.report;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.progress.report.api.ReportViews.ReportView;
import org.ecoplan.web.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a report's changes: every change takes a new revision and change-feed position and leaves an action
 * row with the report before and after, in the transaction of the change (MANDATORY: never a change without
 * its row).
 */
@ApplicationScoped
public class ReportHistory {

    private final ReportRepository reports;
    private final Caller caller;
    private final RequestClient client;
    private final ObjectMapper mapper;

    ReportHistory(ReportRepository reports, Caller caller, RequestClient client, ObjectMapper mapper) {
        this.reports = reports;
        this.caller = caller;
        this.client = client;
        this.mapper = mapper;
    }

    /** The report as the history keeps it; take it before changing the report. */
    public String snapshot(ProgressReport report) {
        try {
            return mapper.writeValueAsString(ReportView.of(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report " + report.id, e);
        }
    }

    /**
     * Completes a change: new revision, update time and change-feed position, and the action row.
     *
     * @param before {@link #snapshot} from before the change, {@code null} when the report was created
     */
    @Transactional(TxType.MANDATORY)
    public void record(ProgressReport report, String action, String reason, String before, Instant at) {
        report.revision++;
        report.updatedAt = at;
        if (report.createdAt == null) {
            report.createdAt = at;
        }
        // Last, so that the counter row stays locked for as short a time as possible.
        report.changeSeq = reports.nextChangeSeq();
        if (!reports.isPersistent(report)) {
            reports.persist(report);
        }
        ReportAction row = new ReportAction();
        row.reportId = report.id;
        row.revision = report.revision;
        row.action = action;
        row.actor = caller.name();
        row.actorDepartment = caller.department().orElse(null);
        row.actedAt = at;
        row.userAgent = client.userAgent();
        row.clientId = client.clientId();
        row.reason = reason;
        row.before = before;
        row.after = snapshot(report);
        row.persist();
    }
}
