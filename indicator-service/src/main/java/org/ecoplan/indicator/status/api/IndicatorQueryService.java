package org.ecoplan.indicator.status.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.status.IndicatorJudgement;
import org.ecoplan.indicator.status.IndicatorService;
import org.ecoplan.indicator.status.api.IndicatorViews.ExtractionReport;
import org.ecoplan.indicator.status.api.IndicatorViews.IndicatorView;
import org.ecoplan.indicator.status.api.IndicatorViews.UnreadMeasure;
import org.ecoplan.indicator.tracking.DepartmentNames;
import org.ecoplan.indicator.tracking.MeasureExtraction;
import org.ecoplan.indicator.tracking.Origin;
import org.ecoplan.indicator.tracking.ReviewState;
import org.ecoplan.indicator.tracking.TrackedIndicator;
import org.ecoplan.indicator.tracking.TrackedIndicatorRepository;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;

/** Reads of tracked indicators as the API shows them: each with its latest judgement and its departments' names. */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class IndicatorQueryService {

    private final IndicatorService indicators;
    private final TrackedIndicatorRepository tracked;
    private final DepartmentNames names;

    IndicatorQueryService(IndicatorService indicators, TrackedIndicatorRepository tracked, DepartmentNames names) {
        this.indicators = indicators;
        this.tracked = tracked;
        this.names = names;
    }

    /** Filters combine with AND; null means any. */
    public Page<IndicatorView> list(Integer year, Origin origin, ReviewState review, IndicatorStatus judged, PageRequest page) {
        Page<TrackedIndicator> found = indicators.search(year, origin, review, judged, page);
        return Page.of(views(found.items()), page, found.totalItems());
    }

    public IndicatorView get(String id) {
        TrackedIndicator indicator = indicators.require(id);
        return IndicatorViews.view(indicator, IndicatorJudgement.findById(id), names.registry());
    }

    public List<IndicatorView> views(List<TrackedIndicator> items) {
        Map<String, IndicatorJudgement> judgements = new HashMap<>();
        if (!items.isEmpty()) {
            IndicatorJudgement.<IndicatorJudgement>list("indicatorId in ?1", items.stream().map(item -> item.id).toList())
                    .forEach(judgement -> judgements.put(judgement.indicatorId, judgement));
        }
        DepartmentNames.Registry registry = names.registry();
        return items.stream().map(item -> IndicatorViews.view(item, judgements.get(item.id), registry)).toList();
    }

    public ExtractionReport extractionReport() {
        long measures = MeasureExtraction.count();
        long found = MeasureExtraction.<MeasureExtraction>listAll().stream().mapToLong(extraction -> extraction.found).sum();
        List<UnreadMeasure> unread = MeasureExtraction.<MeasureExtraction>list("order by measureId").stream()
                .filter(extraction -> !extraction.unread.isEmpty())
                .map(extraction -> new UnreadMeasure(extraction.measureId, extraction.unread)).toList();
        return new ExtractionReport(measures, found,
                tracked.count("origin = ?1 and reviewState = ?2 and removed = false", Origin.MEASURE, ReviewState.CANDIDATE),
                tracked.count("origin = ?1 and reviewState = ?2 and removed = false", Origin.MEASURE, ReviewState.CONFIRMED),
                tracked.count("origin = ?1 and reviewState = ?2 and removed = false", Origin.MEASURE, ReviewState.REJECTED),
                unread.stream().mapToLong(measure -> measure.fragments().size()).sum(), unread);
    }
}
