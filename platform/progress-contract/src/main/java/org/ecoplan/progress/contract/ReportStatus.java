package org.ecoplan.progress.contract;

/** How a reporter says a measure stands; the latest approved report makes it the measure's official status. */
public enum ReportStatus {
    NOT_STARTED,
    ON_TRACK,
    AT_RISK,
    DELAYED,
    COMPLETED
}
