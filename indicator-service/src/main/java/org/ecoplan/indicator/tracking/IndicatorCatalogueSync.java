package org.ecoplan.indicator.tracking;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.Assignments;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.IndicatorState;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.replica.CatalogueEntityChanged;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.indicator.targets.ExtractedTarget;
import org.ecoplan.indicator.targets.MeasureTargetExtractor;
import org.ecoplan.indicator.targets.ParsedTarget;
import org.ecoplan.indicator.targets.TargetParser;
import org.ecoplan.indicator.targets.TargetState;

import io.quarkus.logging.Log;

/**
 * Derives tracked indicators from the catalogue replica: parses the target of every 附件4 indicator and
 * extracts candidate targets from every measure text, when they arrive or change. Runs inside the replica's
 * transaction, so the derived rows commit with the replica change.
 */
@ApplicationScoped
public class IndicatorCatalogueSync {

    private static final String DEFAULT_DISTRICT = "延庆区";

    private final CatalogueReplica replica;
    private final TrackedIndicatorRepository indicators;
    private final TargetParser parser;
    private final MeasureTargetExtractor extractor;
    private final Event<IndicatorChanged> changed;

    IndicatorCatalogueSync(CatalogueReplica replica, TrackedIndicatorRepository indicators, TargetParser parser,
            MeasureTargetExtractor extractor, Event<IndicatorChanged> changed) {
        this.replica = replica;
        this.indicators = indicators;
        this.parser = parser;
        this.extractor = extractor;
        this.changed = changed;
    }

    // An exception here would stop the catalogue channel: bad data is logged and kept as UNREADABLE instead.
    void onCatalogueChange(@Observes CatalogueEntityChanged change) {
        if (CatalogueEvents.INDICATOR.aggregateType().equals(change.aggregateType())) {
            lockDerivation();
            syncIndicator(change);
        } else if (CatalogueEvents.MEASURE.aggregateType().equals(change.aggregateType())) {
            lockDerivation();
            syncMeasure(change);
        }
    }

    /**
     * Derives what is missing or older than the replica: a replica filled before this service derived
     * anything (or by an older version) is never read from the topic again, since its offsets are committed.
     *
     * @return how many indicators and measures were (re)derived
     */
    @Transactional
    public int catchUp() {
        lockDerivation();
        int derived = 0;
        for (IndicatorState state : replica.all(IndicatorState.class)) {
            TrackedIndicator indicator = indicators.findById(state.id());
            if (indicator == null || indicator.catalogueRevision == null || indicator.catalogueRevision < state.revision()) {
                syncIndicator(new CatalogueEntityChanged(CatalogueEvents.INDICATOR.aggregateType(), state.id(), state.revision(), false));
                derived++;
            }
        }
        for (MeasureState measure : replica.all(MeasureState.class)) {
            MeasureExtraction extraction = MeasureExtraction.findById(measure.id());
            if (extraction == null || extraction.measureRevision < measure.revision()) {
                syncMeasure(new CatalogueEntityChanged(CatalogueEvents.MEASURE.aggregateType(), measure.id(), measure.revision(), false));
                derived++;
            }
        }
        if (derived > 0) {
            Log.infof("Derived targets of %d catalogue indicator(s) and measure(s) that the replica held already", derived);
        }
        return derived;
    }

    /** The catalogue consumer and {@link #catchUp()} must not derive the same entity at once (duplicate rows). */
    private void lockDerivation() {
        indicators.lockDerivation();
    }

    private void syncIndicator(CatalogueEntityChanged change) {
        TrackedIndicator indicator = indicators.findById(change.entityId());
        if (change.removed()) {
            if (indicator != null) {
                indicator.removed = true;
                indicator.updatedAt = Instant.now();
            }
            return;
        }
        Optional<IndicatorState> found = replica.find(IndicatorState.class, change.entityId());
        if (found.isEmpty()) {
            return;
        }
        IndicatorState state = found.get();
        boolean isNew = indicator == null;
        if (isNew) {
            indicator = new TrackedIndicator();
            indicator.id = state.id();
            indicator.origin = Origin.TABLE;
            indicator.reviewState = ReviewState.CONFIRMED;
        }
        boolean keepManualTarget = !isNew && indicator.targetSetBy != null && state.target().equals(indicator.targetText);
        indicator.catalogueRevision = state.revision();
        indicator.district = state.district() == null ? DEFAULT_DISTRICT : state.district();
        indicator.year = state.year();
        indicator.number = state.number();
        indicator.category = state.category();
        indicator.name = state.name();
        indicator.leadDepartments = Assignments.departments(state.lead());
        indicator.cooperatingDepartments = Assignments.departments(state.cooperating());
        indicator.removed = false;
        indicator.updatedAt = Instant.now();
        if (!keepManualTarget) {
            applyTarget(indicator, state.name(), state.target());
        }
        if (isNew) {
            indicators.persist(indicator);
        }
        Log.debugf("Indicator %s (%d %s) target '%s' read as %s %s %s %s", indicator.id, state.number(), state.name(),
                state.target(), indicator.targetState, indicator.comparison, indicator.targetValue, indicator.unit);
        changed.fire(new IndicatorChanged(indicator));
    }

    private void applyTarget(TrackedIndicator indicator, String name, String targetText) {
        ParsedTarget target = parser.parse(name, targetText);
        indicator.targetText = targetText == null ? "" : targetText;
        indicator.targetState = target.state();
        indicator.targetValue = target.value();
        indicator.unit = target.unit();
        indicator.comparison = target.comparison();
        indicator.kind = target.kind();
        indicator.metric = target.metric();
        indicator.targetNote = target.note();
        indicator.targetSetBy = null;
        if (target.state() != TargetState.SET) {
            Log.infof("Indicator %s (%s): target '%s' is %s", indicator.id, name, targetText, target.state());
        }
    }

    private void syncMeasure(CatalogueEntityChanged change) {
        Map<String, TrackedIndicator> existing = new HashMap<>();
        for (TrackedIndicator indicator : indicators.ofMeasure(change.entityId())) {
            existing.put(indicator.id, indicator);
        }
        Optional<MeasureState> found = change.removed() ? Optional.empty() : replica.find(MeasureState.class, change.entityId());
        if (found.isEmpty()) {
            existing.values().forEach(this::retire);
            MeasureExtraction.deleteById(change.entityId());
            return;
        }
        MeasureState measure = found.get();
        MeasureTargetExtractor.Result result = extractor.extract(measure.text());
        Set<String> seen = new HashSet<>();
        for (ExtractedTarget target : result.found()) {
            String id = candidateId(measure.id(), target.name());
            seen.add(id);
            TrackedIndicator indicator = existing.get(id);
            if (indicator == null) {
                indicator = new TrackedIndicator();
                indicator.id = id;
                indicator.origin = Origin.MEASURE;
                indicator.reviewState = ReviewState.CANDIDATE;
                indicator.measureId = measure.id();
                fill(indicator, measure, target);
                indicators.persist(indicator);
            } else if (!target.fragment().equals(indicator.targetText)) {
                // The wording changed: a person looks at it again.
                fill(indicator, measure, target);
                indicator.reviewState = ReviewState.CANDIDATE;
                indicator.removed = false;
            }
        }
        existing.values().stream().filter(indicator -> !seen.contains(indicator.id)).forEach(this::retire);
        MeasureExtraction extraction = MeasureExtraction.findById(measure.id());
        if (extraction == null) {
            extraction = new MeasureExtraction();
            extraction.measureId = measure.id();
        }
        extraction.measureRevision = measure.revision();
        extraction.found = result.found().size();
        extraction.unread = result.unread();
        extraction.extractedAt = Instant.now();
        extraction.persist();
    }

    private void fill(TrackedIndicator indicator, MeasureState measure, ExtractedTarget target) {
        indicator.district = replica.find(PlanState.class, measure.planId()).map(PlanState::district).orElse(DEFAULT_DISTRICT);
        indicator.year = measure.year();
        indicator.name = target.name();
        indicator.category = "工作措施 " + measure.taskNumber() + "-" + measure.position();
        indicator.targetText = target.fragment();
        indicator.targetState = TargetState.SET;
        indicator.targetValue = target.value();
        indicator.unit = target.unit();
        indicator.comparison = target.comparison();
        indicator.kind = target.kind();
        indicator.leadDepartments = Assignments.departments(measure.assignments(), AssignmentRole.LEAD);
        List<String> cooperating = new java.util.ArrayList<>(Assignments.departments(measure.assignments(), AssignmentRole.RESPONSIBLE));
        Assignments.departments(measure.assignments(), AssignmentRole.ASSISTING).stream().filter(code -> !cooperating.contains(code))
                .forEach(cooperating::add);
        cooperating.removeAll(indicator.leadDepartments);
        indicator.cooperatingDepartments = List.copyOf(cooperating);
        indicator.catalogueRevision = measure.revision();
        indicator.updatedAt = Instant.now();
    }

    private void retire(TrackedIndicator indicator) {
        if (indicator.reviewState == ReviewState.CANDIDATE) {
            indicators.delete(indicator);
        } else {
            indicator.removed = true;
            indicator.updatedAt = Instant.now();
        }
    }

    /** Stable across re-extractions of the same measure as long as the target names the same thing. */
    static String candidateId(String measureId, String name) {
        return UUID.nameUUIDFromBytes(("measure-target:" + measureId + ":" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
