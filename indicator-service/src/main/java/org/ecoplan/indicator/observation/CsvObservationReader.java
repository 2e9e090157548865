package org.ecoplan.indicator.observation;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.indicator.targets.Metric;
import org.ecoplan.progress.contract.MeasuredValue;
import org.ecoplan.web.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * Reads observations from CSV (RFC 4180, UTF-8 unless the request names another charset, a header row, CRLF
 * or LF, an optional byte order mark). Columns by name, in any order: {@code series} (or
 * {@code indicator}/{@code metric}: PM25_DAILY, AQI_DAILY, an indicator id or a 附件4 number), {@code area}
 * (code or name; empty = the district), {@code period} (or {@code date}: 2026-05-03, 2026-05, 2026-Q2, 2026),
 * {@code value}, optional {@code valid} (true/false, default true), {@code hours} (hourly values behind a daily
 * mean; fewer than 20 makes the day invalid, HJ 663) and {@code source}. Every row is checked; problems name
 * the line on which the row starts.
 * <p>
 * Nothing is guessed: a row with more or fewer fields than the header, an unknown column, a quote left open
 * or bytes that are not text in the charset are problems, so what is stored is always what was sent.
 */
@ApplicationScoped
public class CsvObservationReader {

    /** HJ 663-2013: a daily mean needs at least 20 hourly values. */
    public static final int MINIMUM_HOURS_FOR_VALID_DAY = 20;

    /** The {@code observation.source} column is {@code varchar(100)}. */
    public static final int MAX_SOURCE_LENGTH = 100;

    /**
     * Longer number text is refused before it is parsed: a storable value needs at most 21 characters, and
     * parsing a pasted megabyte of digits would cost seconds.
     */
    static final int MAX_NUMBER_LENGTH = 64;

    /** Values quoted back in messages are cut to this many characters. */
    private static final int SHOWN_LENGTH = 40;

    /** Thread-safe once built; its parser implements RFC 4180 quoting (commas, doubled quotes, line breaks). */
    private static final CsvMapper CSV = new CsvMapper();

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** The columns a file may have, each under its accepted header names. */
    enum Column {
        SERIES(true, "series", "indicator", "metric"),
        AREA(false, "area"),
        PERIOD(true, "period", "date"),
        VALUE(true, "value"),
        VALID(false, "valid"),
        HOURS(false, "hours"),
        SOURCE(false, "source");

        final boolean required;
        final List<String> names;

        Column(boolean required, String... names) {
            this.required = required;
            this.names = List.of(names);
        }

        static Optional<Column> named(String header) {
            String name = header.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(column -> column.names.contains(name)).findFirst();
        }
    }

    private final SeriesResolver resolver;

    CsvObservationReader(SeriesResolver resolver) {
        this.resolver = resolver;
    }

    public record Result(List<ObservationInput> rows, List<Problem.FieldProblem> errors) {
    }

    /**
     * Reads a whole file; the rows only count if {@code errors} is empty.
     *
     * @param charset the request's charset; bytes that are not valid text in it are a problem, never replaced
     */
    public Result read(byte[] csv, Charset charset, String defaultSource) {
        List<ObservationInput> rows = new ArrayList<>();
        List<Problem.FieldProblem> errors = new ArrayList<>();
        String text = decode(csv == null ? new byte[0] : csv, charset, errors);
        if (text == null) {
            return new Result(rows, errors);
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        // A year of daily rows names the same few series thousands of times: resolve each once.
        Map<String, Optional<String>> resolved = new HashMap<>();
        BiFunction<String, Integer, Optional<String>> resolve = (series, year) ->
                resolved.computeIfAbsent(series + "|" + year, key -> resolver.resolve(series, year));
        int line = 1;
        try (CsvParser parser = CSV.getFactory().createParser(text)) {
            // Each record as an array of strings, so the header is read by the same rules as the rows.
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.nextToken();
            List<String> header = nextRecord(parser);
            if (header == null || blank(header)) {
                errors.add(new Problem.FieldProblem("line 1", "a header row is required: series,area,period,value[,valid,hours,source] / 缺少表头"));
                return new Result(rows, errors);
            }
            Map<Column, Integer> columns = columns(header, errors);
            if (!errors.isEmpty()) {
                return new Result(rows, errors);
            }
            while (true) {
                // The position just past the record's start: the line a person finds the row on, also when a
                // quoted field of an earlier row spanned several lines.
                line = parser.currentLocation().getLineNr();
                List<String> cells = nextRecord(parser);
                if (cells == null) {
                    break;
                }
                if (blank(cells)) {
                    continue;
                }
                String prefix = "line " + line + " ";
                if (cells.size() != header.size()) {
                    errors.add(new Problem.FieldProblem("line " + line, ("has %d fields but the header has %d; a value with a comma,"
                            + " quote or line break must be in double quotes (\"监测中心,自动站\") / 字段数与表头不符")
                            .formatted(cells.size(), header.size())));
                    continue;
                }
                check(new RawObservation(cell(cells, columns, Column.SERIES), cell(cells, columns, Column.AREA),
                        cell(cells, columns, Column.PERIOD), cell(cells, columns, Column.VALUE),
                        cell(cells, columns, Column.VALID), cell(cells, columns, Column.HOURS),
                        cell(cells, columns, Column.SOURCE)), prefix, defaultSource, rows, errors, resolve);
            }
        } catch (JsonProcessingException e) {
            int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            errors.add(new Problem.FieldProblem("line " + at, "not valid CSV: " + e.getOriginalMessage() + " / CSV格式错误"));
        } catch (IOException e) {
            // The text is already in memory: only the parser's own checks can fail.
            errors.add(new Problem.FieldProblem("line " + line, "not valid CSV / CSV格式错误"));
        }
        return new Result(rows, errors);
    }

    /** One value as text, the way a CSV row or a JSON entry gives it; blank means absent. */
    public record RawObservation(String series, String area, String period, String value, String valid, String hours,
            String source) {
    }

    /**
     * Checks one value; adds it to {@code rows} when it is sound, else its problems to {@code errors}, each
     * field named {@code fieldPrefix} + column (e.g. {@code line 4 value}).
     */
    public void check(RawObservation raw, String fieldPrefix, String defaultSource, List<ObservationInput> rows,
            List<Problem.FieldProblem> errors) {
        check(raw, fieldPrefix, defaultSource, rows, errors, resolver::resolve);
    }

    private void check(RawObservation raw, String fieldPrefix, String defaultSource, List<ObservationInput> rows,
            List<Problem.FieldProblem> errors, BiFunction<String, Integer, Optional<String>> resolve) {
        int before = errors.size();
        // PostgreSQL cannot hold a NUL in text, and a look-up with one would fail the whole request.
        Map<Column, String> fields = new EnumMap<>(Column.class);
        fields.put(Column.SERIES, raw.series());
        fields.put(Column.AREA, raw.area());
        fields.put(Column.PERIOD, raw.period());
        fields.put(Column.VALUE, raw.value());
        fields.put(Column.VALID, raw.valid());
        fields.put(Column.HOURS, raw.hours());
        fields.put(Column.SOURCE, raw.source());
        fields.forEach((column, value) -> {
            if (value != null && value.indexOf('\u0000') >= 0) {
                errors.add(new Problem.FieldProblem(fieldPrefix + column.names.get(0), "must not contain a NUL character / 含有非法字符"));
            }
        });
        if (errors.size() > before) {
            return;
        }
        PeriodType.Period period = null;
        try {
            period = PeriodType.parse(text(raw.period()));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "period", e.getMessage()));
        }
        Optional<String> series = period == null ? Optional.empty() : resolve.apply(text(raw.series()), period.start().getYear());
        if (period != null && series.isEmpty()) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "series", "unknown indicator or metric " + shown(raw.series()) + " / 未知指标"));
        }
        if (series.isPresent() && Metric.fromCode(series.get()).isPresent() && period.type() != PeriodType.DAY) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "period", series.get() + " takes daily values (2026-05-03) / 须为日数据"));
        }
        Optional<Area> area = Area.find(raw.area());
        if (area.isEmpty()) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "area", "unknown area " + shown(raw.area()) + " / 未知区域"));
        }
        BigDecimal value = value(text(raw.value()), fieldPrefix + "value", errors);
        Boolean valid = bool(text(raw.valid()));
        if (valid == null) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "valid", "must be true or false / 须为true或false"));
        }
        Integer hours = null;
        String hoursText = text(raw.hours());
        if (!hoursText.isEmpty()) {
            try {
                hours = Integer.parseInt(hoursText);
                if (hours < 0 || hours > 24) {
                    errors.add(new Problem.FieldProblem(fieldPrefix + "hours", "must be 0-24 / 须在0-24之间"));
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldProblem(fieldPrefix + "hours", shown(hoursText) + " is not a whole number / 不是整数"));
            }
        }
        // The source is stored as sent, surrounding spaces included; only a blank one means "not given".
        String source = raw.source() == null || raw.source().isBlank() ? defaultSource : raw.source();
        if (source.codePointCount(0, source.length()) > MAX_SOURCE_LENGTH) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "source", "at most %d characters / 不超过%d个字符"
                    .formatted(MAX_SOURCE_LENGTH, MAX_SOURCE_LENGTH)));
        }
        if (errors.size() == before) {
            boolean counts = valid && (hours == null || hours >= MINIMUM_HOURS_FOR_VALID_DAY);
            rows.add(new ObservationInput(series.get(), area.get().code(), period, value, counts, hours, source, null));
        }
    }

    /** The number as sent, or null with the reason in {@code errors}. */
    private static BigDecimal value(String text, String field, List<Problem.FieldProblem> errors) {
        if (text.length() > MAX_NUMBER_LENGTH) {
            errors.add(new Problem.FieldProblem(field, "is too long to be a number (%d characters) / 不是有效数字".formatted(text.length())));
            return null;
        }
        BigDecimal value;
        try {
            // BigDecimal reads exactly what is written: no rounding through a double, no NaN or Infinity.
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldProblem(field, shown(text) + " is not a number / 不是数字"));
            return null;
        }
        if (value.signum() < 0) {
            errors.add(new Problem.FieldProblem(field, "must not be negative / 不能为负"));
            return null;
        }
        Optional<String> problem = MeasuredValue.rangeProblem(value);
        problem.ifPresent(message -> errors.add(new Problem.FieldProblem(field, message)));
        return problem.isPresent() ? null : value;
    }

    /**
     * Decodes strictly: a byte that is not text in the charset is reported with its line instead of becoming
     * U+FFFD, which would store a character nobody sent. Returns null when the bytes are not text.
     */
    private static String decode(byte[] bytes, Charset charset, List<Problem.FieldProblem> errors) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (!result.isUnderflow()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            errors.add(new Problem.FieldProblem("line " + line, "byte %d is not %s text; save the file as %s / 文件编码错误"
                    .formatted(offset + 1, charset.name(), charset.name())));
            return null;
        }
        return out.flip().toString();
    }

    /** The next record's fields, or null at the end of the file; the parser stands before the record. */
    private static List<String> nextRecord(CsvParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            cells.add(parser.getText());
        }
        return cells;
    }

    private static Map<Column, Integer> columns(List<String> header, List<Problem.FieldProblem> errors) {
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            Optional<Column> column = Column.named(header.get(i));
            if (column.isEmpty()) {
                // An unknown column would be dropped: a misspelt "sorce" would lose every row's source.
                errors.add(new Problem.FieldProblem("line 1", "unknown column " + shown(header.get(i))
                        + "; columns are series (or indicator/metric), area, period (or date), value, valid, hours, source / 未知列"));
            } else if (columns.putIfAbsent(column.get(), i) != null) {
                errors.add(new Problem.FieldProblem("line 1", "column " + shown(header.get(i)) + " is given twice / 列重复"));
            }
        }
        List<String> missing = Arrays.stream(Column.values())
                .filter(column -> column.required && !columns.containsKey(column)).map(column -> column.names.get(0)).toList();
        if (!missing.isEmpty()) {
            errors.add(new Problem.FieldProblem("line 1", "header must name series (or indicator/metric), period (or date) and value;"
                    + " missing: " + String.join(", ", missing) + " / 表头缺少必需列"));
        }
        return columns;
    }

    private static String cell(List<String> cells, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        return index == null ? null : cells.get(index);
    }

    private static boolean blank(List<String> cells) {
        return cells.stream().allMatch(String::isBlank);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** A value quoted back to the sender, cut so that a pasted megabyte does not come back in the answer. */
    static String shown(String value) {
        String text = value == null ? "" : value;
        if (text.codePointCount(0, text.length()) <= SHOWN_LENGTH) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, text.offsetByCodePoints(0, SHOWN_LENGTH)) + "…'";
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes", "y" -> true;
            case "false", "0", "no", "n" -> false;
            default -> null;
        };
    }
}
