package org.ecoplan.indicator.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.ecoplan.indicator.targets.Metric;
import org.ecoplan.web.problem.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file rules of the CSV import, row by row. Only the daily metrics are resolved here (no database);
 * {@code ObservationImportTest} proves the same file stored through the running service.
 */
class CsvObservationReaderTest {

    private static final String HEADER = "series,area,period,value,valid,hours,source\n";

    private final CsvObservationReader reader = new CsvObservationReader(new SeriesResolver(null) {
        @Override
        public Optional<String> resolve(String text, int year) {
            return Metric.fromCode(text.strip()).map(Metric::name);
        }
    });

    private CsvObservationReader.Result read(String csv) {
        return reader.read(csv.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, "csv-import");
    }

    @Test
    void readsQuotedCommasDoubledQuotesAndLineBreaksAsSent() {
        CsvObservationReader.Result result = read("\uFEFF" + HEADER.replace("\n", "\r\n")
                + "PM25_DAILY,YANQING,2031-05-01,31.5,true,24,\"监测中心,自动站\"\r\n"
                + "PM25_DAILY,YANQING,2031-05-02,\"32\",true,24,\"站\"\"A\"\"\"\r\n"
                + "PM25_DAILY,YANQING,2031-05-03,0.000001,true,24,\"第一行\n第二行\"\r\n"
                + "PM25_DAILY,YANQING,2031-05-04,99999999999999.999999,,, 两边有空格 \r\n");
        assertThat(result.errors()).isEmpty();
        assertThat(result.rows()).extracting(ObservationInput::source)
                .containsExactly("监测中心,自动站", "站\"A\"", "第一行\n第二行", " 两边有空格 ");
        assertThat(result.rows()).extracting(ObservationInput::value).containsExactly(new BigDecimal("31.5"),
                new BigDecimal("32"), new BigDecimal("0.000001"), new BigDecimal("99999999999999.999999"));
        assertEquals("csv-import", reader.read((HEADER + "PM25_DAILY,,2031-05-01,1,,,\n").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, "csv-import").rows().get(0).source(), "a blank source is the default one");
    }

    @Test
    void namesTheLineARowStartsOnAfterALineBreakInQuotes() {
        CsvObservationReader.Result result = read(HEADER
                + "PM25_DAILY,YANQING,2031-05-01,1,true,24,\"two\nlines\"\n"
                + "\n"
                + "PM25_DAILY,YANQING,2031-05-02,x,true,24,ok\n");
        assertThat(result.errors()).extracting(Problem.FieldProblem::field).containsExactly("line 5 value");
    }

    @Test
    void readsAnotherCharsetWhenTheRequestNamesIt() {
        Charset gbk = Charset.forName("GBK");
        CsvObservationReader.Result result = reader.read((HEADER + "PM25_DAILY,康庄镇,2031-05-01,1,,,区环境监测站\n").getBytes(gbk), gbk, "x");
        assertThat(result.errors()).isEmpty();
        assertEquals("区环境监测站", result.rows().get(0).source());
        assertEquals("KANGZHUANG", result.rows().get(0).area());
    }

    static Stream<Arguments> refusedFiles() {
        String row = "PM25_DAILY,YANQING,2031-05-01,%s,true,24,站\n";
        return Stream.of(
                Arguments.of("a huge value", HEADER + row.formatted("1e15"), "line 2 value", "14 digits before"),
                Arguments.of("10^14 exactly", HEADER + row.formatted("100000000000000"), "line 2 value", "14 digits before"),
                Arguments.of("1e400", HEADER + row.formatted("1e400"), "line 2 value", "14 digits before"),
                Arguments.of("twenty digits", HEADER + row.formatted("99999999999999999999"), "line 2 value", "14 digits before"),
                Arguments.of("seven decimals, which the column would round", HEADER + row.formatted("31.1234567"), "line 2 value", "6 after the decimal point"),
                Arguments.of("a tiny exponent", HEADER + row.formatted("1e-999999999"), "line 2 value", "6 after the decimal point"),
                Arguments.of("NaN", HEADER + row.formatted("NaN"), "line 2 value", "not a number"),
                Arguments.of("Infinity", HEADER + row.formatted("Infinity"), "line 2 value", "not a number"),
                Arguments.of("a decimal comma", HEADER + row.formatted("\"31,5\""), "line 2 value", "not a number"),
                Arguments.of("a pasted run of digits", HEADER + row.formatted("1".repeat(100_000)), "line 2 value", "too long"),
                Arguments.of("negative", HEADER + row.formatted("-1"), "line 2 value", "negative"),
                Arguments.of("an empty value", HEADER + row.formatted(""), "line 2 value", "not a number"),
                Arguments.of("an unquoted comma: one field too many",
                        HEADER + "PM25_DAILY,YANQING,2031-05-01,1,true,24,监测中心,自动站\n", "line 2", "8 fields"),
                Arguments.of("a field too few", HEADER + "PM25_DAILY,YANQING,2031-05-01,1,true,24\n", "line 2", "6 fields"),
                Arguments.of("a quote left open", HEADER + "PM25_DAILY,YANQING,2031-05-01,1,true,24,\"站\n", "line 3", "quote"),
                Arguments.of("text after a closing quote", HEADER + "PM25_DAILY,YANQING,2031-05-01,1,true,24,\"站\"x\n", "line 2", "not valid CSV"),
                Arguments.of("a NUL character", HEADER + row.formatted("1").replace("站", "站\u0000"), "line 2 source", "NUL"),
                Arguments.of("a NUL in a looked-up field", HEADER + "PM25\u0000,YANQING,2031-05-01,1,true,24,站\n", "line 2 series", "NUL"),
                Arguments.of("a source longer than the column", HEADER + row.formatted("1").replace("站", "站".repeat(101)), "line 2 source", "100"),
                Arguments.of("the missing value column", "series,area,period\nPM25_DAILY,YANQING,2031-05-01\n", "line 1", "missing: value"),
                Arguments.of("an unknown column", "series,area,period,value,sorce\nPM25_DAILY,YANQING,2031-05-01,1,站\n", "line 1", "'sorce'"),
                Arguments.of("a column given twice", "series,metric,period,value\nPM25_DAILY,PM25_DAILY,2031-05-01,1\n", "line 1", "twice"),
                Arguments.of("no header", "", "line 1", "header"),
                Arguments.of("an unknown area", HEADER + "PM25_DAILY,NOWHERE,2031-05-01,1,true,24,站\n", "line 2 area", "unknown area"),
                Arguments.of("hours out of range", HEADER + "PM25_DAILY,YANQING,2031-05-01,1,true,25,站\n", "line 2 hours", "0-24"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void refusesAFileWithAProblemNamingItsLineAndColumn(String kind, String csv, String field, String message) {
        CsvObservationReader.Result result = read(csv);
        assertThat(result.errors()).as(kind).hasSize(1);
        assertEquals(field, result.errors().get(0).field(), kind);
        assertThat(result.errors().get(0).message()).as(kind).contains(message).hasSizeLessThan(400);
    }

    @Test
    void refusesBytesThatAreNotUtf8InsteadOfReplacingThem() {
        byte[] head = (HEADER + "PM25_DAILY,YANQING,2031-05-01,1,true,24,").getBytes(StandardCharsets.UTF_8);
        byte[] csv = java.util.Arrays.copyOf(head, head.length + 2);
        csv[head.length] = (byte) 0xC3; // a lead byte without its continuation
        csv[head.length + 1] = '\n';
        List<Problem.FieldProblem> errors = reader.read(csv, StandardCharsets.UTF_8, "x").errors();
        assertThat(errors).extracting(Problem.FieldProblem::field).containsExactly("line 2");
        assertThat(errors.get(0).message()).contains("not UTF-8");
    }
}
