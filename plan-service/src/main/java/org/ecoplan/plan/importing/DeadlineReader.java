package org.ecoplan.plan.importing;

import org.ecoplan.plan.catalogue.DeadlineKind;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the 完成时限 forms the seed uses: 年底前, N月底前, N-M月, 长期实施, 持续推进. Anything else is unknown:
 * the caller reports it instead of guessing a date.
 */
final class DeadlineReader {

    private static final Pattern END_OF_MONTH = Pattern.compile("(\\d{1,2})月底前");
    private static final Pattern MONTH_WINDOW = Pattern.compile("(\\d{1,2})[-－—–~～至](\\d{1,2})月");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000]+");

    private DeadlineReader() {
    }

    /**
     * @param label the cell text
     * @param year  the plan year, 0 if unknown (then only ONGOING forms can be read)
     */
    static Optional<ParsedDeadline> read(String label, int year) {
        String form = WHITESPACE.matcher(label).replaceAll("");
        if (form.equals("长期实施") || form.equals("持续推进")) {
            return Optional.of(new ParsedDeadline(DeadlineKind.ONGOING, null, null, label));
        }
        if (year <= 0) {
            return Optional.empty();
        }
        if (form.equals("年底前")) {
            return Optional.of(new ParsedDeadline(DeadlineKind.DATE, null, LocalDate.of(year, 12, 31), label));
        }
        Matcher endOfMonth = END_OF_MONTH.matcher(form);
        if (endOfMonth.matches()) {
            return month(year, endOfMonth.group(1))
                    .map(month -> new ParsedDeadline(DeadlineKind.DATE, null, month.atEndOfMonth(), label));
        }
        Matcher window = MONTH_WINDOW.matcher(form);
        if (window.matches()) {
            Optional<YearMonth> first = month(year, window.group(1));
            Optional<YearMonth> last = month(year, window.group(2));
            if (first.isPresent() && last.isPresent() && !first.get().isAfter(last.get())) {
                return Optional.of(new ParsedDeadline(DeadlineKind.WINDOW, first.get().atDay(1),
                        last.get().atEndOfMonth(), label));
            }
        }
        return Optional.empty();
    }

    private static Optional<YearMonth> month(int year, String month) {
        int number = Integer.parseInt(month);
        return number >= 1 && number <= 12 ? Optional.of(YearMonth.of(year, number)) : Optional.empty();
    }
}
