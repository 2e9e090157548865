package org.ecoplan.indicator.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.targets.TargetState;
import org.ecoplan.indicator.tracking.Origin;
import org.ecoplan.indicator.tracking.ReviewState;
import org.ecoplan.indicator.tracking.TrackedIndicator;
import org.ecoplan.indicator.tracking.TrackedIndicatorRepository;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;

import io.quarkus.logging.Log;

/**
 * The administrator's decisions on targets and candidates, each judged again at once (the reads that assemble views are
 * {@code api/IndicatorQueryService}'s).
 */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class IndicatorService {

    private final TrackedIndicatorRepository indicators;
    private final StatusService status;

    IndicatorService(TrackedIndicatorRepository indicators, StatusService status) {
        this.indicators = indicators;
        this.status = status;
    }

    /** Filters combine with AND; null means any. Ordered by origin, number, id (index tracked_indicator_listing). */
    public Page<TrackedIndicator> search(Integer year, Origin origin, ReviewState review, IndicatorStatus judged,
            PageRequest page) {
        StringBuilder where = new StringBuilder("i.removed = false");
        Map<String, Object> parameters = new HashMap<>();
        if (year != null) {
            where.append(" and i.year = :year");
            parameters.put("year", year);
        }
        if (origin != null) {
            where.append(" and i.origin = :origin");
            parameters.put("origin", origin);
        }
        if (review != null) {
            where.append(" and i.reviewState = :review");
            parameters.put("review", review);
        }
        if (judged != null) {
            where.append(" and exists (select 1 from IndicatorJudgement j where j.indicatorId = i.id and j.status = :status)");
            parameters.put("status", judged);
        }
        var em = indicators.getEntityManager();
        TypedQuery<TrackedIndicator> query = em.createQuery("select i from TrackedIndicator i where " + where
                + " order by i.origin, i.number, i.id", TrackedIndicator.class);
        TypedQuery<Long> count = em.createQuery("select count(i) from TrackedIndicator i where " + where, Long.class);
        parameters.forEach((name, value) -> {
            query.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<TrackedIndicator> items = query.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return Page.of(items, page, count.getSingleResult());
    }

    public TrackedIndicator require(String id) {
        TrackedIndicator indicator = indicators.findById(id);
        if (indicator == null || indicator.removed) {
            throw ProblemException.notFound("Indicator", id);
        }
        return indicator;
    }

    /** Sets a target by hand: a pending one (达到市级要求) or a correction of the parsed one. */
    @Transactional
    public void setTarget(String id, TargetChange change, String by) {
        TrackedIndicator indicator = require(id);
        indicator.targetState = TargetState.SET;
        indicator.targetValue = change.value();
        if (change.unit() != null && !change.unit().isBlank()) {
            indicator.unit = change.unit().strip();
        }
        if (change.comparison() != null) {
            indicator.comparison = change.comparison();
        }
        indicator.targetSetBy = by;
        indicator.targetNote = "set by " + by;
        indicator.updatedAt = Instant.now();
        Log.infof("Target of indicator %s (%s) set to %s %s %s by %s", id, indicator.name, indicator.comparison,
                indicator.targetValue, indicator.unit, by);
        status.evaluate(indicator);
    }

    @Transactional
    public void confirm(String id, CandidateReview review, String by) {
        TrackedIndicator indicator = requireExtracted(id);
        if (review != null) {
            if (review.name() != null && !review.name().isBlank()) {
                indicator.name = review.name().strip();
            }
            if (review.value() != null) {
                indicator.targetValue = review.value();
            }
            if (review.unit() != null && !review.unit().isBlank()) {
                indicator.unit = review.unit().strip();
            }
            if (review.comparison() != null) {
                indicator.comparison = review.comparison();
            }
        }
        indicator.reviewState = ReviewState.CONFIRMED;
        indicator.reviewedBy = by;
        indicator.updatedAt = Instant.now();
        Log.infof("Extracted indicator %s (%s) of measure %s confirmed by %s", id, indicator.name, indicator.measureId, by);
        status.evaluate(indicator);
    }

    @Transactional
    public void reject(String id, String by) {
        TrackedIndicator indicator = requireExtracted(id);
        indicator.reviewState = ReviewState.REJECTED;
        indicator.reviewedBy = by;
        indicator.updatedAt = Instant.now();
        Log.infof("Extracted indicator %s (%s) of measure %s rejected by %s", id, indicator.name, indicator.measureId, by);
    }

    private TrackedIndicator requireExtracted(String id) {
        TrackedIndicator indicator = require(id);
        if (indicator.origin != Origin.MEASURE) {
            throw ProblemException.conflict("Indicator " + id + " is from the indicator table, not a candidate / 附件4指标无需确认");
        }
        return indicator;
    }
}
