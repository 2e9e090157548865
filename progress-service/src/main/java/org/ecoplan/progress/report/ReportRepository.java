package org.ecoplan.progress.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.web.paging.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class ReportRepository implements PanacheRepositoryBase<ProgressReport, UUID> {

    /**
     * Counting is exact up to this many matches beyond the page's offset, and stops there: a count runs over every
     * matching index entry, and with a city's million reports "all AT_RISK reports" would cost hundreds of
     * milliseconds on every page load for a figure nobody pages through.
     */
    static final int COUNT_HORIZON = 10_000;

    private final DataSource dataSource;

    ReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Newest change first; each filter has an index on (filter, change_seq), so a page is one range scan. */
    public CountedPage search(ReportFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> parameters = new HashMap<>();
        condition(where, parameters, "measureId", filter.measureId());
        condition(where, parameters, "departmentCode", filter.departmentCode());
        condition(where, parameters, "state", filter.state());
        condition(where, parameters, "period", filter.period());
        condition(where, parameters, "status", filter.status());
        List<ProgressReport> items = find(where + " order by changeSeq desc", parameters)
                .range(page.offset(), page.offset() + page.size - 1).list();
        long horizon = (long) page.offset() + COUNT_HORIZON;
        var count = getEntityManager().createQuery(
                "select count(*) from (select r.id as id from ProgressReport r where " + where
                        + " order by r.changeSeq desc limit :horizon) matched", Long.class);
        parameters.forEach(count::setParameter);
        long counted = count.setParameter("horizon", (int) Math.min(horizon, Integer.MAX_VALUE)).getSingleResult();
        return new CountedPage(items, counted, counted >= horizon);
    }

    /**
     * @param totalItems      exact, unless {@code lowerBound}: then at least this many match
     */
    public record CountedPage(List<ProgressReport> items, long totalItems, boolean lowerBound) {
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, String field, Object value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            parameters.put(field, value);
        }
    }

    /**
     * The change feed: reports whose latest change comes after {@code cursor}, oldest change first, never past a
     * position that is still in flight (see the migration V2026.12.16.1): a change that commits late is not skipped,
     * it is returned by a later read. {@code departmentCode} null: every department's.
     */
    public List<ProgressReport> changedSince(long cursor, String departmentCode, int limit) {
        // A statement of its own, before the page's: the page's snapshot must be taken after the watermark.
        long settled = ((Number) getEntityManager().createNativeQuery("select report_change_watermark()")
                .setFlushMode(FlushModeType.COMMIT).getSingleResult()).longValue();
        if (settled <= cursor) {
            return List.of();
        }
        String query = "changeSeq > :cursor and changeSeq <= :settled"
                + (departmentCode == null ? "" : " and departmentCode = :department") + " order by changeSeq";
        Parameters parameters = Parameters.with("cursor", cursor).and("settled", settled);
        if (departmentCode != null) {
            parameters.and("department", departmentCode);
        }
        return find(query, parameters).range(0, limit - 1).list();
    }

    /**
     * The id of the department's monthly report of the measure for the period, if there is one. Only the id (a filing
     * checks the slot is free and names the report that holds it), as plain JDBC: no automatic flush first (nothing the
     * caller has pending decides whether a committed report holds the slot) and no query translation on every filing.
     */
    public Optional<UUID> findMonthlyId(String measureId, String departmentCode, String period) {
        return statement("""
                select id from progress_report
                where measure_id = ? and department_code = ? and period = ? and kind = 'MONTHLY' limit 1""", select -> {
            select.setString(1, measureId);
            select.setString(2, departmentCode);
            select.setString(3, period);
            try (ResultSet found = select.executeQuery()) {
                return found.next() ? Optional.of(found.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    /** This period's monthly reports of one department for many measures, in one query. */
    public List<ProgressReport> monthlyOf(String departmentCode, String period, Collection<String> measureIds) {
        if (measureIds.isEmpty()) {
            return List.of();
        }
        return list("departmentCode = ?1 and period = ?2 and kind = ?3 and measureId in ?4", departmentCode, period,
                ReportKind.MONTHLY, measureIds);
    }

    /** The latest approved report of each ASSISTING department on a measure: contributions beside the official status. */
    @SuppressWarnings("unchecked")
    public List<ProgressReport> latestApprovedContributions(String measureId) {
        // One pass over the measure's reports (its index) instead of a correlated max() per report, which grew with
        // the square of a measure's report count.
        List<ProgressReport> latestPerDepartment = getEntityManager().createNativeQuery("""
                select distinct on (department_code) * from progress_report
                where measure_id = :measure and state = :approved
                order by department_code, submitted_at desc""", ProgressReport.class)
                .setParameter("measure", measureId).setParameter("approved", WorkflowState.APPROVED.name())
                .getResultList();
        return latestPerDepartment.stream().filter(report -> report.departmentRole == AssignmentRole.ASSISTING).toList();
    }

    /**
     * The next position in the change feed, in flight until this transaction ends. No lock is waited for: writers
     * run side by side (the former counter row made each wait for the previous one's COMMIT).
     */
    public long takeChangePosition() {
        // Plain JDBC: an automatic flush here would write the report before its position is set, and then again at
        // COMMIT.
        return statement("select take_report_change_position()", select -> {
            try (ResultSet position = select.executeQuery()) {
                position.next();
                return position.getLong(1);
            }
        });
    }

    /** Serialises creations of one monthly report (measure, department, period) until the transaction ends. */
    public void lockMonthlySlot(String measureId, String departmentCode, String period) {
        statement("select pg_advisory_xact_lock(hashtext(?))", lock -> {
            lock.setString(1, "progress-monthly:" + measureId + ":" + departmentCode + ":" + period);
            lock.execute();
            return null;
        });
    }

    /** The write path's statements that need no entity, on the transaction's connection (the pool's enlisted one). */
    private <T> T statement(String sql, Statement<T> work) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement prepared = connection.prepareStatement(sql)) {
            return work.run(prepared);
        } catch (SQLException e) {
            throw new IllegalStateException("report statement failed: " + sql, e);
        }
    }

    @FunctionalInterface
    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }
}
