package org.ecoplan.progress.report;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class ReportActionRepository implements PanacheRepository<ReportAction> {

    /** Oldest first: every action gives the report its next revision. */
    public List<ReportAction> ofReport(UUID reportId) {
        return list("reportId = ?1 order by revision", reportId);
    }
}
