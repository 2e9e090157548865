package org.ecoplan.web.input;

import org.ecoplan.web.problem.ProblemException;

/**
 * The rule every text input of every service follows: no NUL character (PostgreSQL cannot store it, so it
 * would fail deep inside a write) and no unpaired UTF-16 surrogate (it is not a character at all: stored, it
 * would silently become U+FFFD). Checked at the edge, so nothing of the kind reaches the database.
 */
public final class Text {

    private Text() {
    }

    /** @return why {@code value} is not acceptable text, or null when it is */
    public static String problem(CharSequence value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "must not contain NUL characters (U+0000) / 不能包含空字符";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired UTF-16 surrogate / 包含无效的Unicode字符";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate / 包含无效的Unicode字符";
            }
        }
        return null;
    }

    /** Whether {@code value} holds nothing but white space, in any script (U+3000 and U+00A0 included). */
    public static boolean isBlank(CharSequence value) {
        return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /** 400 naming {@code field} unless {@code value} is acceptable text; null passes. */
    public static String requireValid(String field, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw ProblemException.invalidField(field, problem);
        }
        return value;
    }
}
