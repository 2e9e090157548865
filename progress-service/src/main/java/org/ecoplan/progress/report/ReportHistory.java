package org.ecoplan.progress.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.web.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a report's changes. A workflow step {@link #begin begins} a change, {@link Change#record records} each
 * action (new revision, update time, the action row), and {@link #save saves} it last: the report takes its
 * change-feed position once, as late as possible, and is written once with its final state, with its action rows
 * in one batch. Each action row keeps a JSON merge patch of the report as the API shows it; {@link #read} gives
 * every action with the report before and after, as they were.
 */
@ApplicationScoped
public class ReportHistory {

    /** The view's field that carries the feed position; every action of one transaction shares its position. */
    private static final String CHANGE_SEQ = "changeSeq";

    private final ReportRepository reports;
    private final ReportActionRepository actions;
    private final ReportStates states;
    private final Caller caller;
    private final RequestClient client;
    /** Exact decimals both ways: a measured value keeps its digits (97.60 stays 97.60, 14+6 digits stay exact). */
    private final ObjectMapper mapper;
    private final ObjectReader reader;

    ReportHistory(ReportRepository reports, ReportActionRepository actions, ReportStates states, Caller caller,
            RequestClient client, ObjectMapper mapper) {
        this.reports = reports;
        this.actions = actions;
        this.states = states;
        this.caller = caller;
        this.client = client;
        this.mapper = mapper.copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        this.reader = this.mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Starts a change; call before changing the report. A report not yet persisted starts from nothing. */
    public Change begin(ProgressReport report) {
        return new Change(report, reports.isPersistent(report) ? state(report) : null);
    }

    /** One transaction's change of one report: its actions, written when the change is {@link #save saved}. */
    public final class Change {

        private final ProgressReport report;
        private final ObjectNode before;
        private final List<ReportAction> rows = new ArrayList<>();
        private final List<ObjectNode> after = new ArrayList<>();

        private Change(ProgressReport report, ObjectNode before) {
            this.report = report;
            this.before = before;
        }

        public ProgressReport report() {
            return report;
        }

        /** Completes one action: new revision and update time, and its action row (written on save). */
        public void record(String action, String reason, Instant at) {
            report.revision++;
            report.updatedAt = at;
            if (report.createdAt == null) {
                report.createdAt = at;
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
            rows.add(row);
            after.add(state(report));
        }
    }

    /**
     * Takes the change-feed position and writes the report (inserted once, or updated once at flush) and its action
     * rows. The last step of every change: the position is in flight from here to COMMIT only.
     */
    @Transactional(TxType.MANDATORY)
    public void save(Change change) {
        if (change.rows.isEmpty()) {
            throw new IllegalStateException("report " + change.report.id + " saved without an action");
        }
        ProgressReport report = change.report;
        report.changeSeq = reports.takeChangePosition();
        ObjectNode previous = change.before;
        for (int i = 0; i < change.rows.size(); i++) {
            ObjectNode state = change.after.get(i);
            state.put(CHANGE_SEQ, report.changeSeq);
            change.rows.get(i).change = (previous == null ? state : JsonMergePatch.diff(previous, state)).toString();
            previous = state;
        }
        if (!reports.isPersistent(report)) {
            reports.persist(report);
        }
        actions.persist(change.rows);
    }

    /** One action with the report before it ({@code null} for the first) and after it, as JSON documents. */
    public record Entry(ReportAction action, String before, String after) {
    }

    /** Every action of the report, oldest first, the report before and after each replayed from the patches. */
    public List<Entry> read(UUID reportId) {
        var entries = new ArrayList<Entry>();
        JsonNode state = null;
        String stateJson = null;
        for (ReportAction action : actions.ofReport(reportId)) {
            JsonNode next = JsonMergePatch.apply(state, parse(action));
            String nextJson = next.toString();
            entries.add(new Entry(action, stateJson, nextJson));
            state = next;
            stateJson = nextJson;
        }
        return entries;
    }

    private ObjectNode state(ProgressReport report) {
        return mapper.valueToTree(states.view(report));
    }

    private JsonNode parse(ReportAction action) {
        try {
            return reader.readTree(action.change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history row " + action.id + " of report " + action.reportId
                    + " is not JSON", e);
        }
    }
}
