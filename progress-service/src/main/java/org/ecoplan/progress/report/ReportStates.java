package org.ecoplan.progress.report;

/**
 * The report as the API shows it (its view record), which is what the history keeps. Implemented by the api
 * package, which owns that shape: the domain asks for it without depending on the api.
 */
public interface ReportStates {

    /** @return an object Jackson writes as the report's API document */
    Object view(ProgressReport report);
}
