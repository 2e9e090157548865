package org.ecoplan.progress.report.api;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.progress.report.MeasureAccess;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportFilter;
import org.ecoplan.progress.report.ReportHistory;
import org.ecoplan.progress.report.ReportRepository;
import org.ecoplan.progress.report.api.ReportViews.ReportActionView;
import org.ecoplan.progress.report.api.ReportViews.ReportChanges;
import org.ecoplan.progress.report.api.ReportViews.ReportPage;
import org.ecoplan.progress.report.api.ReportViews.ReportView;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;

/** Reads of reports, each limited to what the caller may see. */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class ReportQueryService {

    private final ReportRepository reports;
    private final ReportHistory history;
    private final MeasureAccess access;

    ReportQueryService(ReportRepository reports, ReportHistory history, MeasureAccess access) {
        this.reports = reports;
        this.history = history;
        this.access = access;
    }

    public ReportView report(UUID id) {
        return ReportView.of(readable(id));
    }

    public List<ReportActionView> history(UUID id) {
        readable(id);
        return history.read(id).stream().map(ReportActionView::of).toList();
    }

    /** A reporter without a department filter sees its own department's reports. */
    public ReportPage search(ReportFilter filter, PageRequest page) {
        ReportFilter visible = filter;
        if (!access.seesEverything()) {
            String department = filter.departmentCode() == null ? access.callerDepartment() : filter.departmentCode();
            access.requireOwnDepartment(department);
            visible = new ReportFilter(filter.measureId(), department, filter.state(), filter.period(), filter.status());
        }
        ReportRepository.CountedPage found = reports.search(visible, page);
        Page<ReportView> result = Page.of(found.items(), page, found.totalItems()).map(ReportView::of);
        return new ReportPage(result.items(), result.page(), result.size(), result.totalItems(), result.totalPages(),
                found.lowerBound());
    }

    /** The change feed after {@code cursor}; a reporter's is its own department's. */
    public ReportChanges changesSince(long cursor, String departmentCode, int limit) {
        String department = departmentCode;
        if (!access.seesEverything()) {
            department = departmentCode == null ? access.callerDepartment() : departmentCode;
            access.requireOwnDepartment(department);
        }
        // One more than asked tells whether another call is needed.
        List<ProgressReport> changed = reports.changedSince(cursor, department, limit + 1);
        boolean hasMore = changed.size() > limit;
        List<ReportView> items = changed.stream().limit(limit).map(ReportView::of).toList();
        long nextCursor = items.isEmpty() ? cursor : items.get(items.size() - 1).changeSeq();
        return new ReportChanges(items, nextCursor, hasMore);
    }

    private ProgressReport readable(UUID id) {
        ProgressReport report = reports.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("report", id));
        access.requireMayRead(report);
        return report;
    }
}
