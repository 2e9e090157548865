package org.ecoplan.indicator.observation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period an observed value covers; it is stored by its first day. */
public enum PeriodType {
    DAY,
    MONTH,
    QUARTER,
    YEAR;

    private static final Pattern QUARTER_TEXT = Pattern.compile("(\\d{4})-?Q([1-4])", Pattern.CASE_INSENSITIVE);

    /** A period as text: {@code 2026-05-03}, {@code 2026-05}, {@code 2026-Q2} or {@code 2026}. */
    public record Period(PeriodType type, LocalDate start) {

        public String label() {
            return switch (type) {
                case DAY -> start.toString();
                case MONTH -> YearMonth.from(start).toString();
                case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
                case YEAR -> String.valueOf(start.getYear());
            };
        }
    }

    /** @throws IllegalArgumentException with a message for people if the text is none of the four forms */
    public static Period parse(String text) {
        String value = text == null ? "" : text.strip();
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return new Period(DAY, LocalDate.parse(value));
            }
            if (value.matches("\\d{4}-\\d{2}")) {
                return new Period(MONTH, YearMonth.parse(value).atDay(1));
            }
            Matcher quarter = QUARTER_TEXT.matcher(value);
            if (quarter.matches()) {
                int first = (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1;
                return new Period(QUARTER, LocalDate.of(Integer.parseInt(quarter.group(1)), first, 1));
            }
            if (value.matches("\\d{4}")) {
                return new Period(YEAR, LocalDate.of(Integer.parseInt(value), 1, 1));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(shown(value) + " is not a date / 日期无效");
        }
        throw new IllegalArgumentException(shown(value) + " is not a period (2026-05-03, 2026-05, 2026-Q2 or 2026) / 期间格式无效");
    }

    /** The text quoted back, cut so that a pasted megabyte does not come back in the answer. */
    private static String shown(String value) {
        int length = value.codePointCount(0, value.length());
        return "'" + (length <= 40 ? value : value.substring(0, value.offsetByCodePoints(0, 40)) + "…") + "'";
    }
}
