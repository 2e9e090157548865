package org.ecoplan.plan.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the timing a measure's text states beside its 完成时限 (每月, 每季度, 按季度, 每年5月底前, 3-5月为重点,
 * 9月底前, 汛期前, 年底前), so that reminders can follow it. Longer forms are listed first so that 每年5月底前 is one
 * hint, not also 5月底前.
 */
final class TimingHints {

    private static final Pattern HINT = Pattern.compile(
            "每年\\d{1,2}月底前|\\d{1,2}[-－]\\d{1,2}月为重点|\\d{1,2}[-－]\\d{1,2}月|\\d{1,2}月底前"
                    + "|每月|每季度|按季度|汛期前|年底前");

    private TimingHints() {
    }

    static List<String> find(String text) {
        List<String> hints = new ArrayList<>();
        Matcher matcher = HINT.matcher(text);
        while (matcher.find()) {
            if (!hints.contains(matcher.group())) {
                hints.add(matcher.group());
            }
        }
        return List.copyOf(hints);
    }
}
