package org.ecoplan.progress.report;

/** A monthly report (one per measure, department and period) or an ad-hoc one (whenever something happens). */
public enum ReportKind {
    MONTHLY,
    AD_HOC
}
