package org.ecoplan.indicator.targets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds quantified targets inside a measure text: a rate or share with a number and a per-cent sign
 * (城市道路机械化作业率达到97.5%, 漏损率保持在8%以内) and counts with a bound (3家以上, 不低于10组). Per-cent
 * figures that do not name what they measure (按照不低于15%的比例对施工…) are returned as unread, so that a
 * person can look at them; everything found is only a candidate until an administrator confirms it.
 */
@ApplicationScoped
public class MeasureTargetExtractor {

    private static final String VERB = "(至少达到|累计达到|稳定保持在|保持在|保持|达到|达|不低于|不少于|不超过|超过|控制在)?";
    private static final Pattern PERCENT = Pattern.compile(VERB + "(\\d+(?:\\.\\d+)?)\\s*[%％](以上|以内|以下|左右)?");
    private static final Pattern COUNT = Pattern.compile(
            VERB + "(\\d+(?:\\.\\d+)?)(家|组|处|个|座|辆|台|块|条|项)(以上)?(?!百分点)");
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[，。；、：:,;（）()\\s]");
    private static final Pattern SHARE_NAME = Pattern.compile(".*(率|比例|比率|占比)");
    private static final Pattern LEADING_FILLER = Pattern.compile(
            "^(年底前|年内|全年|到年底|确保|力争|实现|推动|推进|其中|同时|并|且|使|将)+");

    /** @param found targets, in text order; {@code unread} per-cent figures whose meaning was not found */
    public record Result(List<ExtractedTarget> found, List<String> unread) {
    }

    public Result extract(String text) {
        if (text == null || text.isBlank()) {
            return new Result(List.of(), List.of());
        }
        Map<String, ExtractedTarget> found = new LinkedHashMap<>();
        List<String> unread = new ArrayList<>();
        Matcher percent = PERCENT.matcher(text);
        while (percent.find()) {
            int clauseStart = clauseStart(text, percent.start());
            String subject = LEADING_FILLER.matcher(text.substring(clauseStart, percent.start()).strip()).replaceFirst("");
            String fragment = text.substring(clauseStart, percent.end()).strip();
            if (subject.length() >= 2 && SHARE_NAME.matcher(subject).matches()) {
                Comparison comparison = comparison(subject, percent.group(1), percent.group(3));
                found.putIfAbsent(subject, new ExtractedTarget(subject, new BigDecimal(percent.group(2)), "%", comparison,
                        QuantityKind.SHARE, fragment));
            } else {
                unread.add(fragment);
            }
        }
        Matcher count = COUNT.matcher(text);
        while (count.find()) {
            boolean bounded = count.group(1) != null || count.group(4) != null;
            if (!bounded) {
                continue;
            }
            int clauseStart = clauseStart(text, count.start());
            String clause = text.substring(clauseStart, count.end()).strip();
            // 抽样检测量不低于10组 names what is counted before the bound; 至少达到3家以上 names nothing: keep the clause.
            String subject = LEADING_FILLER.matcher(text.substring(clauseStart, count.start()).strip()).replaceFirst("");
            String name = subject.length() >= 2 ? subject : LEADING_FILLER.matcher(clause).replaceFirst("");
            Comparison comparison = comparison(name, count.group(1), count.group(4));
            found.putIfAbsent(name, new ExtractedTarget(name, new BigDecimal(count.group(2)), count.group(3), comparison,
                    QuantityKind.CUMULATIVE_COUNT, clause));
        }
        return new Result(List.copyOf(found.values()), List.copyOf(unread));
    }

    private static int clauseStart(String text, int from) {
        int start = from;
        while (start > 0 && !CLAUSE_BREAK.matcher(text.substring(start - 1, start)).matches()) {
            start--;
        }
        return start;
    }

    private static Comparison comparison(String name, String verb, String suffix) {
        StringBuilder words = new StringBuilder();
        if (verb != null) {
            words.append(verb);
        }
        if (suffix != null) {
            words.append(suffix);
        }
        return TargetParser.directionOf(name, words.toString());
    }
}
