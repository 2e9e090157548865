package org.ecoplan.catalogue.contract;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A work measure (工作措施) with its deadline and its departments by role. */
public record MeasureState(String id, long revision, String planId, String sectionId, String taskId,
        int year, int taskNumber, int position, String text, Deadline deadline, List<Assignment> assignments,
        List<String> timingHints) implements CatalogueState {

    /**
     * The day the measure is due (the end of a DATE or WINDOW deadline); {@code null} for ONGOING measures,
     * for a kind this version does not know and without a deadline. Every service asks this, not the kind.
     */
    @JsonIgnore
    public LocalDate dueDate() {
        return deadline == null ? null : deadline.dueDate();
    }

    /**
     * Start of the time window whose elapsed share is the pace expected by now (序时进度): a WINDOW's start, else
     * 1 January of the plan year; {@code null} when the measure has no due date.
     */
    @JsonIgnore
    public LocalDate windowStart() {
        if (dueDate() == null) {
            return null;
        }
        return deadline.isWindow() && deadline.start() != null ? deadline.start() : LocalDate.of(year, 1, 1);
    }

    /**
     * {@code kind} is DATE (due by {@code end}), WINDOW (a seasonal window from {@code start} to {@code end})
     * or ONGOING (长期实施/持续推进: no end, reported on periodically).
     */
    public record Deadline(String kind, LocalDate start, LocalDate end, String label) {

        /** The end of a DATE or WINDOW deadline, {@code null} for ONGOING and unknown kinds. */
        @JsonIgnore
        public LocalDate dueDate() {
            return "DATE".equals(kind) || isWindow() ? end : null;
        }

        @JsonIgnore
        public boolean isWindow() {
            return "WINDOW".equals(kind);
        }

        /** The deadline as the plan words it (年底前, 6-9月, 长期实施), in Chinese also when the plan gave no label. */
        @JsonIgnore
        public String chineseLabel() {
            if (label != null && !label.isBlank()) {
                return label;
            }
            if (dueDate() == null) {
                return "长期实施";
            }
            return isWindow() && start != null ? start + "至" + end : end + "前";
        }

        /**
         * The dates a deadline may name. The plans are yearly action plans; a date outside this century is a typo
         * (or {@code -2026-01-01}, which JSON date parsing accepts as the year 2027 BC) that every consumer would
         * have to store and judge. plan-service refuses it at the edge, replicas dead-letter it if one slips through.
         */
        public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
        public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

        /**
         * The first thing wrong with this deadline, naming its field ({@code kind}, {@code start} or {@code end});
         * empty if it is sound. The one home of the rule: plan-service's edits and imports and every catalogue
         * replica check with it.
         */
        public Optional<Problem> problem() {
            Optional<Problem> range = outOfRange("start", start).or(() -> outOfRange("end", end));
            if (range.isPresent()) {
                return range;
            }
            if (kind == null) {
                return Optional.of(new Problem("kind", "is required / 须填写时限类型"));
            }
            return switch (kind) {
                case "DATE" -> start != null ? absent("start", "a DATE") : end == null ? required("end", "a DATE") : Optional.empty();
                case "WINDOW" -> start == null ? required("start", "a WINDOW") : end == null ? required("end", "a WINDOW")
                        : end.isBefore(start) ? Optional.of(new Problem("end", "must not be before deadline.start / 结束日期不能早于开始日期"))
                        : Optional.empty();
                case "ONGOING" -> start != null ? absent("start", "an ONGOING") : end != null ? absent("end", "an ONGOING") : Optional.empty();
                default -> Optional.of(new Problem("kind", "must be DATE, WINDOW or ONGOING / 时限类型无效"));
            };
        }

        private static Optional<Problem> outOfRange(String field, LocalDate date) {
            if (date == null || (!date.isBefore(EARLIEST) && !date.isAfter(LATEST))) {
                return Optional.empty();
            }
            return Optional.of(new Problem(field, "must be a date from %s to %s / 日期须在%s至%s之间"
                    .formatted(EARLIEST, LATEST, EARLIEST, LATEST)));
        }

        private static Optional<Problem> required(String field, String kind) {
            return Optional.of(new Problem(field, "is required for " + kind + " deadline / 须填写日期"));
        }

        private static Optional<Problem> absent(String field, String kind) {
            return Optional.of(new Problem(field, "must be absent for " + kind + " deadline / 该时限类型不填此日期"));
        }

        /** @param field {@code kind}, {@code start} or {@code end} */
        public record Problem(String field, String message) {
        }
    }

    /** The first thing wrong with this state that no consumer can store or judge; empty if none. */
    @Override
    public Optional<String> problem() {
        return deadline == null ? Optional.empty()
                : deadline.problem().map(problem -> "deadline." + problem.field() + " " + problem.message());
    }
}
