package org.ecoplan.plan.edition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.edition.EditionChanges.Change;
import org.ecoplan.plan.edition.EditionChanges.DeadlineChange;
import org.ecoplan.plan.edition.EditionChanges.IndicatorChange;
import org.ecoplan.plan.edition.EditionChanges.IndicatorRef;
import org.ecoplan.plan.edition.EditionChanges.MeasureChange;
import org.ecoplan.plan.edition.EditionChanges.MeasureRef;
import org.ecoplan.plan.edition.EditionChanges.RoleChange;
import org.ecoplan.plan.edition.EditionChanges.TaskChange;
import org.ecoplan.plan.edition.EditionChanges.TaskRef;
import org.ecoplan.plan.edition.EditionChanges.TextSegment;
import org.ecoplan.plan.edition.EditionContent.IndicatorItem;
import org.ecoplan.plan.edition.EditionContent.MeasureItem;
import org.ecoplan.plan.edition.EditionContent.Named;
import org.ecoplan.plan.edition.EditionContent.TaskItem;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

/**
 * Compares two editions of a plan by content.
 *
 * <h2>Matching measures</h2>
 * <ol>
 *   <li>Equal texts (whitespace aside) are the same measure. Where a text occurs more than once, occurrences pair
 *       up in the same task first, then in document order.</li>
 *   <li>The rest pair by similarity: the Dice coefficient of the texts' character bigrams (Chinese has no word
 *       breaks; bigrams catch a changed word while keeping the sentence). The most similar pairs are taken first;
 *       a pair below {@value #MEASURE_THRESHOLD} is no pair: the earlier measure was removed, the later added.</li>
 * </ol>
 * <h2>Matching tasks</h2>
 * A task of the earlier edition is the task of the later one that most of its measures went to (its name may have
 * changed); tasks left over pair by name similarity (≥ {@value #TASK_THRESHOLD}) within their plan.
 * <h2>Moves</h2>
 * A matched measure moved when its task does not match the task it was in, or when it changed its place among the
 * measures that stayed in its task: within each task the longest run of measures in their old order stays in
 * place (longest increasing subsequence), the others moved. So a measure dropped above does not make all below it
 * "moved".
 * <h2>Indicators</h2>
 * By name (whitespace aside), then by similarity of the names (≥ {@value #TASK_THRESHOLD}).
 */
public final class EditionComparer {

    static final double MEASURE_THRESHOLD = 0.55;
    static final double TASK_THRESHOLD = 0.6;

    private EditionComparer() {
    }

    /** The changes, and the pairs adoption carries over. */
    public record Comparison(EditionChanges changes, Map<UUID, UUID> measurePairs, List<UUID> removedMeasures,
            List<UUID> addedMeasures, Map<UUID, UUID> indicatorPairs, List<UUID> removedIndicators,
            List<UUID> addedIndicators, Set<UUID> changedMeasures, Set<UUID> movedMeasures) {
    }

    public static Comparison compare(EditionContent from, EditionContent to, EditionChanges.EditionRef fromRef,
            EditionChanges.EditionRef toRef) {
        Map<UUID, UUID> measurePairs = matchMeasures(from.measures(), to.measures());
        Map<UUID, MeasureItem> oldMeasures = byId(from.measures(), MeasureItem::id);
        Map<UUID, MeasureItem> newMeasures = byId(to.measures(), MeasureItem::id);
        Map<UUID, UUID> taskPairs = matchTasks(from, to, measurePairs, oldMeasures, newMeasures);
        Set<UUID> moved = moved(measurePairs, oldMeasures, newMeasures, taskPairs);

        List<MeasureChange> measureChanges = new ArrayList<>();
        Set<UUID> changed = new HashSet<>();
        int unchanged = 0;
        Map<UUID, UUID> newToOld = reverse(measurePairs);
        for (MeasureItem newMeasure : to.measures()) {
            UUID oldId = newToOld.get(newMeasure.id());
            if (oldId == null) {
                measureChanges.add(new MeasureChange(Change.ADDED, null, ref(newMeasure), null, null,
                        newMeasure.text(), null, null, null));
                continue;
            }
            MeasureItem oldMeasure = oldMeasures.get(oldId);
            boolean textChanged = !oldMeasure.text().equals(newMeasure.text());
            DeadlineChange deadline = deadlineChange(oldMeasure, newMeasure);
            List<RoleChange> departments = roleChanges(oldMeasure, newMeasure);
            boolean isMoved = moved.contains(oldId);
            boolean contentChanged = textChanged || deadline != null || !departments.isEmpty();
            if (contentChanged) {
                changed.add(oldId);
            }
            if (!contentChanged && !isMoved) {
                unchanged++;
                continue;
            }
            measureChanges.add(new MeasureChange(contentChanged ? Change.CHANGED : Change.MOVED, ref(oldMeasure),
                    ref(newMeasure), round(similarity(oldMeasure.text(), newMeasure.text())), isMoved,
                    newMeasure.text(), textChanged ? textDiff(oldMeasure.text(), newMeasure.text()) : null, deadline,
                    departments.isEmpty() ? null : departments));
        }
        List<UUID> removed = new ArrayList<>();
        for (MeasureItem oldMeasure : from.measures()) {
            if (!measurePairs.containsKey(oldMeasure.id())) {
                removed.add(oldMeasure.id());
                measureChanges.add(new MeasureChange(Change.REMOVED, ref(oldMeasure), null, null, null,
                        oldMeasure.text(), null, null, null));
            }
        }
        List<UUID> added = to.measures().stream().map(MeasureItem::id)
                .filter(id -> !measurePairs.containsValue(id)).toList();

        List<TaskChange> taskChanges = taskChanges(from, to, taskPairs);
        int renumbered = 0;
        Map<UUID, TaskItem> newTasks = byId(to.tasks(), TaskItem::id);
        for (TaskItem task : from.tasks()) {
            UUID pair = taskPairs.get(task.id());
            if (pair != null && newTasks.get(pair).number() != task.number()) {
                renumbered++;
            }
        }

        Map<UUID, UUID> indicatorPairs = matchIndicators(from.indicators(), to.indicators());
        List<IndicatorChange> indicatorChanges = indicatorChanges(from.indicators(), to.indicators(), indicatorPairs);
        List<UUID> removedIndicators = from.indicators().stream().map(IndicatorItem::id)
                .filter(id -> !indicatorPairs.containsKey(id)).toList();
        List<UUID> addedIndicators = to.indicators().stream().map(IndicatorItem::id)
                .filter(id -> !indicatorPairs.containsValue(id)).toList();

        EditionChanges.Summary summary = new EditionChanges.Summary(measurePairs.size(), unchanged, changed.size(),
                moved.size(), added.size(), removed.size(),
                count(taskChanges, Change.ADDED), count(taskChanges, Change.REMOVED), count(taskChanges, Change.RENAMED),
                renumbered,
                (int) indicatorChanges.stream().filter(c -> c.change() == Change.CHANGED).count(),
                addedIndicators.size(), removedIndicators.size());
        EditionChanges changes = new EditionChanges(fromRef, toRef, summary, taskChanges, measureChanges,
                indicatorChanges);
        return new Comparison(changes, measurePairs, removed, added, indicatorPairs, removedIndicators,
                addedIndicators, changed, moved);
    }

    // --- measures -------------------------------------------------------------------------------------------

    static Map<UUID, UUID> matchMeasures(List<MeasureItem> from, List<MeasureItem> to) {
        Map<UUID, UUID> pairs = new LinkedHashMap<>();
        Map<String, List<MeasureItem>> newByText = to.stream()
                .collect(Collectors.groupingBy(m -> normalized(m.text()), LinkedHashMap::new, Collectors.toList()));
        Set<UUID> taken = new HashSet<>();
        // Equal texts: same task first, then in order.
        for (boolean sameTaskOnly : new boolean[] {true, false}) {
            for (MeasureItem oldMeasure : from) {
                if (pairs.containsKey(oldMeasure.id())) {
                    continue;
                }
                for (MeasureItem candidate : newByText.getOrDefault(normalized(oldMeasure.text()), List.of())) {
                    if (!taken.contains(candidate.id()) && (!sameTaskOnly || sameTask(oldMeasure, candidate))) {
                        pairs.put(oldMeasure.id(), candidate.id());
                        taken.add(candidate.id());
                        break;
                    }
                }
            }
        }
        // The rest by similarity, most similar first.
        List<MeasureItem> oldLeft = from.stream().filter(m -> !pairs.containsKey(m.id())).toList();
        List<MeasureItem> newLeft = to.stream().filter(m -> !taken.contains(m.id())).toList();
        record Candidate(MeasureItem from, MeasureItem to, double score) {
        }
        List<Candidate> candidates = new ArrayList<>();
        Map<UUID, Map<String, Integer>> bigrams = new HashMap<>();
        for (MeasureItem oldMeasure : oldLeft) {
            for (MeasureItem newMeasure : newLeft) {
                double score = dice(bigrams.computeIfAbsent(oldMeasure.id(), id -> bigrams(oldMeasure.text())),
                        bigrams.computeIfAbsent(newMeasure.id(), id -> bigrams(newMeasure.text())));
                if (score >= MEASURE_THRESHOLD) {
                    // a tie goes to the pair that stayed in its task
                    candidates.add(new Candidate(oldMeasure, newMeasure, score + (sameTask(oldMeasure, newMeasure) ? 1e-6 : 0)));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        for (Candidate candidate : candidates) {
            if (!pairs.containsKey(candidate.from().id()) && !taken.contains(candidate.to().id())) {
                pairs.put(candidate.from().id(), candidate.to().id());
                taken.add(candidate.to().id());
            }
        }
        return pairs;
    }

    private static boolean sameTask(MeasureItem a, MeasureItem b) {
        return a.attachment() == b.attachment() && normalized(a.taskName()).equals(normalized(b.taskName()));
    }

    private static Set<UUID> moved(Map<UUID, UUID> pairs, Map<UUID, MeasureItem> oldMeasures,
            Map<UUID, MeasureItem> newMeasures, Map<UUID, UUID> taskPairs) {
        Set<UUID> moved = new HashSet<>();
        Map<UUID, List<UUID>> stayedByNewTask = new LinkedHashMap<>();
        for (Map.Entry<UUID, UUID> pair : pairs.entrySet()) {
            MeasureItem oldMeasure = oldMeasures.get(pair.getKey());
            MeasureItem newMeasure = newMeasures.get(pair.getValue());
            if (!Objects.equals(taskPairs.get(oldMeasure.taskId()), newMeasure.taskId())) {
                moved.add(oldMeasure.id());
            } else {
                stayedByNewTask.computeIfAbsent(newMeasure.taskId(), id -> new ArrayList<>()).add(oldMeasure.id());
            }
        }
        for (List<UUID> stayed : stayedByNewTask.values()) {
            List<UUID> inOldOrder = stayed.stream()
                    .sorted(Comparator.comparingInt(id -> oldMeasures.get(id).position())).toList();
            int[] newPositions = inOldOrder.stream().mapToInt(id -> newMeasures.get(pairs.get(id)).position()).toArray();
            Set<Integer> inPlace = longestIncreasing(newPositions);
            for (int index = 0; index < inOldOrder.size(); index++) {
                if (!inPlace.contains(index)) {
                    moved.add(inOldOrder.get(index));
                }
            }
        }
        return moved;
    }

    /** Indexes of one longest strictly increasing subsequence (patience sorting). */
    static Set<Integer> longestIncreasing(int[] values) {
        int[] tails = new int[values.length];
        int[] previous = new int[values.length];
        int length = 0;
        for (int index = 0; index < values.length; index++) {
            int low = 0;
            int high = length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (values[tails[middle]] < values[index]) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            previous[index] = low > 0 ? tails[low - 1] : -1;
            tails[low] = index;
            length = Math.max(length, low + 1);
        }
        Set<Integer> result = new HashSet<>();
        for (int index = length == 0 ? -1 : tails[length - 1]; index >= 0; index = previous[index]) {
            result.add(index);
        }
        return result;
    }

    private static DeadlineChange deadlineChange(MeasureItem from, MeasureItem to) {
        boolean same = from.deadlineKind() == to.deadlineKind() && Objects.equals(from.deadlineStart(), to.deadlineStart())
                && Objects.equals(from.deadlineEnd(), to.deadlineEnd())
                && Objects.equals(from.deadlineLabel(), to.deadlineLabel());
        return same ? null : new DeadlineChange(from.deadlineKind(), from.deadlineLabel(), from.deadlineEnd(),
                to.deadlineKind(), to.deadlineLabel(), to.deadlineEnd());
    }

    private static List<RoleChange> roleChanges(MeasureItem from, MeasureItem to) {
        List<RoleChange> changes = new ArrayList<>();
        for (AssignmentRole role : AssignmentRole.values()) {
            roleChange(role.name(), from.in(role), to.in(role)).ifPresent(changes::add);
        }
        return changes;
    }

    private static java.util.Optional<RoleChange> roleChange(String role, List<Named> from, List<Named> to) {
        Set<String> before = from.stream().map(Named::code).collect(Collectors.toSet());
        Set<String> after = to.stream().map(Named::code).collect(Collectors.toSet());
        List<EditionChanges.Named> added = to.stream().filter(n -> !before.contains(n.code())).map(EditionComparer::named).toList();
        List<EditionChanges.Named> removed = from.stream().filter(n -> !after.contains(n.code())).map(EditionComparer::named).toList();
        return added.isEmpty() && removed.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new RoleChange(role, added, removed));
    }

    private static EditionChanges.Named named(Named named) {
        return new EditionChanges.Named(named.code(), named.name(), named.group());
    }

    // --- tasks ----------------------------------------------------------------------------------------------

    private static Map<UUID, UUID> matchTasks(EditionContent from, EditionContent to, Map<UUID, UUID> measurePairs,
            Map<UUID, MeasureItem> oldMeasures, Map<UUID, MeasureItem> newMeasures) {
        Map<List<UUID>, Integer> votes = new HashMap<>();
        measurePairs.forEach((oldId, newId) -> votes.merge(
                List.of(oldMeasures.get(oldId).taskId(), newMeasures.get(newId).taskId()), 1, Integer::sum));
        Map<UUID, TaskItem> oldTasks = byId(from.tasks(), TaskItem::id);
        Map<UUID, TaskItem> newTasks = byId(to.tasks(), TaskItem::id);
        List<Map.Entry<List<UUID>, Integer>> ranked = new ArrayList<>(votes.entrySet());
        ranked.sort(Comparator.<Map.Entry<List<UUID>, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(entry -> -similarity(oldTasks.get(entry.getKey().get(0)).name(),
                        newTasks.get(entry.getKey().get(1)).name())));
        Map<UUID, UUID> pairs = new LinkedHashMap<>();
        Set<UUID> taken = new HashSet<>();
        for (Map.Entry<List<UUID>, Integer> entry : ranked) {
            UUID oldTask = entry.getKey().get(0);
            UUID newTask = entry.getKey().get(1);
            if (!pairs.containsKey(oldTask) && !taken.contains(newTask)) {
                pairs.put(oldTask, newTask);
                taken.add(newTask);
            }
        }
        for (TaskItem oldTask : from.tasks()) {
            if (pairs.containsKey(oldTask.id())) {
                continue;
            }
            to.tasks().stream().filter(t -> !taken.contains(t.id()) && t.attachment() == oldTask.attachment())
                    .filter(t -> similarity(oldTask.name(), t.name()) >= TASK_THRESHOLD)
                    .max(Comparator.comparingDouble(t -> similarity(oldTask.name(), t.name())))
                    .ifPresent(t -> {
                        pairs.put(oldTask.id(), t.id());
                        taken.add(t.id());
                    });
        }
        return pairs;
    }

    private static List<TaskChange> taskChanges(EditionContent from, EditionContent to, Map<UUID, UUID> taskPairs) {
        List<TaskChange> changes = new ArrayList<>();
        Map<UUID, UUID> reverse = reverse(taskPairs);
        Map<UUID, TaskItem> oldTasks = byId(from.tasks(), TaskItem::id);
        for (TaskItem task : to.tasks()) {
            UUID oldId = reverse.get(task.id());
            if (oldId == null) {
                changes.add(new TaskChange(Change.ADDED, null, ref(task), null));
            } else if (!oldTasks.get(oldId).name().equals(task.name())) {
                TaskItem old = oldTasks.get(oldId);
                changes.add(new TaskChange(Change.RENAMED, ref(old), ref(task), textDiff(old.name(), task.name())));
            }
        }
        for (TaskItem task : from.tasks()) {
            if (!taskPairs.containsKey(task.id())) {
                changes.add(new TaskChange(Change.REMOVED, ref(task), null, null));
            }
        }
        return changes;
    }

    // --- indicators -----------------------------------------------------------------------------------------

    private static Map<UUID, UUID> matchIndicators(List<IndicatorItem> from, List<IndicatorItem> to) {
        Map<UUID, UUID> pairs = new LinkedHashMap<>();
        Set<UUID> taken = new HashSet<>();
        for (IndicatorItem old : from) {
            to.stream().filter(i -> !taken.contains(i.id()) && normalized(i.name()).equals(normalized(old.name())))
                    .findFirst().ifPresent(i -> {
                        pairs.put(old.id(), i.id());
                        taken.add(i.id());
                    });
        }
        for (IndicatorItem old : from) {
            if (pairs.containsKey(old.id())) {
                continue;
            }
            to.stream().filter(i -> !taken.contains(i.id()))
                    .filter(i -> similarity(old.name(), i.name()) >= TASK_THRESHOLD)
                    .max(Comparator.comparingDouble(i -> similarity(old.name(), i.name()))).ifPresent(i -> {
                        pairs.put(old.id(), i.id());
                        taken.add(i.id());
                    });
        }
        return pairs;
    }

    private static List<IndicatorChange> indicatorChanges(List<IndicatorItem> from, List<IndicatorItem> to,
            Map<UUID, UUID> pairs) {
        List<IndicatorChange> changes = new ArrayList<>();
        Map<UUID, UUID> reverse = reverse(pairs);
        Map<UUID, IndicatorItem> old = byId(from, IndicatorItem::id);
        for (IndicatorItem indicator : to) {
            UUID oldId = reverse.get(indicator.id());
            if (oldId == null) {
                changes.add(new IndicatorChange(Change.ADDED, null, ref(indicator), null, null, null));
                continue;
            }
            IndicatorItem before = old.get(oldId);
            boolean target = !before.target().equals(indicator.target());
            boolean name = !before.name().equals(indicator.name()) || !before.category().equals(indicator.category());
            List<RoleChange> departments = new ArrayList<>();
            roleChange("LEAD", before.lead(), indicator.lead()).ifPresent(departments::add);
            roleChange("COOPERATING", before.cooperating(), indicator.cooperating()).ifPresent(departments::add);
            if (target || name || !departments.isEmpty()) {
                changes.add(new IndicatorChange(Change.CHANGED, ref(before), ref(indicator), target, name,
                        departments.isEmpty() ? null : departments));
            }
        }
        for (IndicatorItem indicator : from) {
            if (!pairs.containsKey(indicator.id())) {
                changes.add(new IndicatorChange(Change.REMOVED, ref(indicator), null, null, null, null));
            }
        }
        return changes;
    }

    // --- text -----------------------------------------------------------------------------------------------

    /** The character-level difference (java-diff-utils' Myers diff over code points). */
    static List<TextSegment> textDiff(String from, String to) {
        List<String> original = codePoints(from);
        List<String> revised = codePoints(to);
        Patch<String> patch = DiffUtils.diff(original, revised);
        List<TextSegment> segments = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            add(segments, TextSegment.Op.EQUAL, original.subList(position, delta.getSource().getPosition()));
            add(segments, TextSegment.Op.DELETE, delta.getSource().getLines());
            add(segments, TextSegment.Op.INSERT, delta.getTarget().getLines());
            position = delta.getSource().getPosition() + delta.getSource().size();
        }
        add(segments, TextSegment.Op.EQUAL, original.subList(position, original.size()));
        return segments;
    }

    private static void add(List<TextSegment> segments, TextSegment.Op op, Collection<String> characters) {
        if (!characters.isEmpty()) {
            segments.add(new TextSegment(op, String.join("", characters)));
        }
    }

    private static List<String> codePoints(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    static double similarity(String a, String b) {
        return dice(bigrams(a), bigrams(b));
    }

    private static Map<String, Integer> bigrams(String text) {
        String normal = normalized(text);
        Map<String, Integer> bigrams = new HashMap<>();
        int[] points = normal.codePoints().toArray();
        if (points.length == 1) {
            bigrams.put(normal, 1);
        }
        for (int index = 0; index + 1 < points.length; index++) {
            bigrams.merge(new String(Arrays.copyOfRange(points, index, index + 2), 0, 2), 1, Integer::sum);
        }
        return bigrams;
    }

    private static double dice(Map<String, Integer> a, Map<String, Integer> b) {
        int sizeA = a.values().stream().mapToInt(Integer::intValue).sum();
        int sizeB = b.values().stream().mapToInt(Integer::intValue).sum();
        if (sizeA + sizeB == 0) {
            return 1;
        }
        int common = 0;
        for (Map.Entry<String, Integer> entry : a.entrySet()) {
            common += Math.min(entry.getValue(), b.getOrDefault(entry.getKey(), 0));
        }
        return 2.0 * common / (sizeA + sizeB);
    }

    private static String normalized(String text) {
        return text.replaceAll("[\\s\\u3000]+", "");
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static Double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static int count(List<TaskChange> changes, Change change) {
        return (int) changes.stream().filter(c -> c.change() == change).count();
    }

    private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
        Map<UUID, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }

    private static Map<UUID, UUID> reverse(Map<UUID, UUID> pairs) {
        Map<UUID, UUID> reverse = new HashMap<>();
        pairs.forEach((a, b) -> reverse.put(b, a));
        return reverse;
    }

    private static MeasureRef ref(MeasureItem measure) {
        return new MeasureRef(measure.id(), measure.attachment(), measure.taskNumber(), measure.taskName(),
                measure.position());
    }

    private static TaskRef ref(TaskItem task) {
        return new TaskRef(task.id(), task.attachment(), task.number(), task.name());
    }

    private static IndicatorRef ref(IndicatorItem indicator) {
        return new IndicatorRef(indicator.id(), indicator.number(), indicator.name(), indicator.target());
    }
}
