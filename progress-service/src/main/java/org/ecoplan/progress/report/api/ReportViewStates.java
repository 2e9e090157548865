package org.ecoplan.progress.report.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportStates;
import org.ecoplan.progress.report.api.ReportViews.ReportView;

/** The history keeps the report as GET /reports/{id} shows it: one shape, defined once, here. */
@ApplicationScoped
class ReportViewStates implements ReportStates {

    @Override
    public Object view(ProgressReport report) {
        return ReportView.of(report);
    }
}
