package org.ecoplan.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.ecoplan.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

class TextRulesTest {

    @Test
    void acceptsTextWithPairedSurrogatesAndRefusesNulAndLoneSurrogates() {
        assertThat(Text.problem("延庆区 😀")).isNull();
        assertThat(Text.problem("a\0b")).contains("NUL");
        assertThat(Text.problem("a\uD800")).contains("surrogate");
        assertThat(Text.problem("\uDC00a")).contains("surrogate");
        assertThat(Text.problem("\uD800\uD800\uDC00")).contains("surrogate");
    }

    @Test
    void countsEveryUnicodeSpaceAsBlank() {
        assertThat(Text.isBlank(" \t\u3000\u00A0")).isTrue();
        assertThat(Text.isBlank(" 吨 ")).isFalse();
    }

    @Test
    void decodesPercentEncodingStrictly() {
        assertThat(PercentEncoding.decode("%E7%8E%B0%E5%9C%BA%20a+b.jpg")).contains("现场 a+b.jpg");
        assertThat(PercentEncoding.decode("plain")).contains("plain");
        for (String broken : new String[] { "%ED%A0%80", "%C3", "%zz", "%4", "a%" }) {
            assertThat(PercentEncoding.decode(broken)).as(broken).isEmpty();
        }
    }

    record Params(@QueryParam("size") int size, @QueryParam("since") Long since, @PathParam("id") UUID id,
            @QueryParam("day") LocalDate day, @QueryParam("unread") Boolean unread, @QueryParam("q") String q) {
    }

    @Test
    void convertsParametersOrNamesTheOneThatDoesNotConvert() throws Exception {
        assertThat(convert("size", int.class, "500")).isEqualTo(500);
        assertThat(convert("since", Long.class, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(convert("unread", Boolean.class, "false")).isEqualTo(false);
        assertRefused("size", int.class, "abc");
        assertRefused("size", int.class, "2147483648");
        assertRefused("size", int.class, "1.5");
        assertRefused("since", Long.class, "9223372036854775808");
        assertRefused("id", UUID.class, "1-2-3-4-5");
        assertRefused("day", LocalDate.class, "2026-02-30");
        assertRefused("unread", Boolean.class, "yes");
        assertRefused("q", String.class, "a\0b");
    }

    private static Object convert(String name, Class<?> type, String value) throws Exception {
        // A record component's @QueryParam also sits on its field, where a resource's would sit on its parameter.
        var annotations = Params.class.getDeclaredField(name).getAnnotations();
        @SuppressWarnings({ "unchecked", "rawtypes" })
        var converter = new StrictParameters().getConverter((Class) type, type, annotations);
        return converter.fromString(value);
    }

    private static void assertRefused(String name, Class<?> type, String value) {
        assertThatThrownBy(() -> convert(name, type, value)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).errors().get(0).field()).isEqualTo(name));
    }
}
