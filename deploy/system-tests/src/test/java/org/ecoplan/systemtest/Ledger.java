package org.ecoplan.systemtest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts, per kind of effect, what was expected against what exists: <b>lost</b> = expected and absent,
 * <b>doubled</b> = present more than once, or present although nothing asked for it; and <b>wrong</b> = present
 * once but not as expected (a state, a status). Printed as a table; a clean ledger has every lost, doubled and
 * wrong at 0.
 */
final class Ledger {

    record Line(String effect, long expected, long lost, long doubled, long wrong, List<String> examples) {
        boolean clean() {
            return lost == 0 && doubled == 0 && wrong == 0;
        }
    }

    private final List<Line> lines = new ArrayList<>();

    /**
     * @param found how often each key exists
     * @param wrong keys present once but not as expected, with what was found instead
     */
    void count(String effect, Collection<String> expected, Map<String, Integer> found, Map<String, String> wrong) {
        Set<String> wanted = new TreeSet<>(expected);
        List<String> examples = new ArrayList<>();
        long lost = 0;
        long doubled = 0;
        for (String key : wanted) {
            int times = found.getOrDefault(key, 0);
            if (times == 0) {
                lost++;
                example(examples, "lost " + key);
            } else if (times > 1) {
                doubled += times - 1;
                example(examples, times + " × " + key);
            }
        }
        for (var entry : found.entrySet()) {
            if (!wanted.contains(entry.getKey())) {
                doubled += entry.getValue();
                example(examples, "unexpected " + entry.getKey());
            }
        }
        wrong.forEach((key, what) -> example(examples, key + ": " + what));
        lines.add(new Line(effect, wanted.size(), lost, doubled, wrong.size(), examples));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    boolean clean() {
        return lines.stream().allMatch(Line::clean);
    }

    long lost() {
        return lines.stream().mapToLong(Line::lost).sum();
    }

    long doubled() {
        return lines.stream().mapToLong(Line::doubled).sum();
    }

    String table() {
        StringBuilder table = new StringBuilder(String.format("  %-46s %8s %6s %8s %6s%n", "effect", "expected", "lost",
                "doubled", "wrong"));
        for (Line line : lines) {
            table.append(String.format("  %-46s %8d %6d %8d %6d%n", line.effect(), line.expected(), line.lost(),
                    line.doubled(), line.wrong()));
            line.examples().forEach(example -> table.append("      ").append(example).append('\n'));
        }
        return table.toString();
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 5) {
            examples.add(example);
        }
    }
}
