package org.ecoplan.indicator.observation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.indicator.targets.Metric;
import org.ecoplan.progress.contract.MeasuredValue;
import org.ecoplan.web.problem.Problem;

/**
 * Reads observations from CSV (UTF-8, comma-separated, a header row). Columns by name, in any order:
 * {@code series} (or {@code indicator}/{@code metric}: PM25_DAILY, AQI_DAILY, an indicator id or a 附件4
 * number), {@code area} (code or name; empty = the district), {@code period} (or {@code date}: 2026-05-03,
 * 2026-05, 2026-Q2, 2026), {@code value}, optional {@code valid} (true/false, default true), {@code hours}
 * (hourly values behind a daily mean; fewer than 20 makes the day invalid, HJ 663) and {@code source}.
 * Every row is checked; problems name the line.
 */
@ApplicationScoped
public class CsvObservationReader {

    /** HJ 663-2013: a daily mean needs at least 20 hourly values. */
    public static final int MINIMUM_HOURS_FOR_VALID_DAY = 20;

    private final SeriesResolver resolver;

    CsvObservationReader(SeriesResolver resolver) {
        this.resolver = resolver;
    }

    public record Result(List<ObservationInput> rows, List<Problem.FieldProblem> errors) {
    }

    public Result read(String csv, String defaultSource) {
        List<ObservationInput> rows = new ArrayList<>();
        List<Problem.FieldProblem> errors = new ArrayList<>();
        String[] lines = (csv == null ? "" : csv.replace("\uFEFF", "")).split("\\r?\\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            errors.add(new Problem.FieldProblem("line 1", "a header row is required: series,area,period,value[,valid,hours,source] / 缺少表头"));
            return new Result(rows, errors);
        }
        Map<String, Integer> columns = header(lines[0]);
        Integer seriesColumn = column(columns, "series", "indicator", "metric");
        Integer periodColumn = column(columns, "period", "date");
        Integer valueColumn = column(columns, "value");
        if (seriesColumn == null || periodColumn == null || valueColumn == null) {
            errors.add(new Problem.FieldProblem("line 1", "header must name series (or indicator/metric), period (or date) and value / 表头缺少必需列"));
            return new Result(rows, errors);
        }
        Integer areaColumn = column(columns, "area");
        Integer validColumn = column(columns, "valid");
        Integer hoursColumn = column(columns, "hours");
        Integer sourceColumn = column(columns, "source");
        // A year of daily rows names the same few series thousands of times: resolve each once.
        Map<String, Optional<String>> resolved = new HashMap<>();
        BiFunction<String, Integer, Optional<String>> resolve = (series, year) ->
                resolved.computeIfAbsent(series + "|" + year, key -> resolver.resolve(series, year));
        for (int index = 1; index < lines.length; index++) {
            if (lines[index].isBlank()) {
                continue;
            }
            String[] cells = lines[index].split(",", -1);
            RawObservation raw = new RawObservation(cell(cells, seriesColumn), cell(cells, areaColumn),
                    cell(cells, periodColumn), cell(cells, valueColumn), cell(cells, validColumn),
                    cell(cells, hoursColumn), cell(cells, sourceColumn));
            check(raw, "line " + (index + 1) + " ", defaultSource, rows, errors, resolve);
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
        PeriodType.Period period = null;
        try {
            period = PeriodType.parse(text(raw.period()));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "period", e.getMessage()));
        }
        Optional<String> series = period == null ? Optional.empty() : resolve.apply(text(raw.series()), period.start().getYear());
        if (period != null && series.isEmpty()) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "series", "unknown indicator or metric '" + text(raw.series()) + "' / 未知指标"));
        }
        if (series.isPresent() && Metric.fromCode(series.get()).isPresent() && period.type() != PeriodType.DAY) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "period", series.get() + " takes daily values (2026-05-03) / 须为日数据"));
        }
        Optional<Area> area = Area.find(raw.area());
        if (area.isEmpty()) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "area", "unknown area '" + raw.area() + "' / 未知区域"));
        }
        BigDecimal value = null;
        try {
            value = new BigDecimal(text(raw.value()));
            if (value.signum() < 0) {
                errors.add(new Problem.FieldProblem(fieldPrefix + "value", "must not be negative / 不能为负"));
            }
            // The storable range of measured values (numeric(20, 6)), the same rule progress-service applies.
            MeasuredValue.rangeProblem(value).ifPresent(problem -> errors.add(new Problem.FieldProblem(fieldPrefix + "value", problem)));
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldProblem(fieldPrefix + "value", "'" + text(raw.value()) + "' is not a number / 不是数字"));
        }
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
                errors.add(new Problem.FieldProblem(fieldPrefix + "hours", "'" + hoursText + "' is not a whole number / 不是整数"));
            }
        }
        if (errors.size() == before) {
            boolean counts = valid && (hours == null || hours >= MINIMUM_HOURS_FOR_VALID_DAY);
            String source = text(raw.source());
            rows.add(new ObservationInput(series.get(), area.get().code(), period, value, counts, hours,
                    source.isEmpty() ? defaultSource : source, null));
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static Map<String, Integer> header(String line) {
        Map<String, Integer> columns = new HashMap<>();
        String[] names = line.split(",", -1);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].strip().toLowerCase(), i);
        }
        return columns;
    }

    private static Integer column(Map<String, Integer> columns, String... names) {
        for (String name : names) {
            if (columns.containsKey(name)) {
                return columns.get(name);
            }
        }
        return null;
    }

    private static String cell(String[] cells, Integer column) {
        return column == null || column >= cells.length ? "" : cells[column].strip();
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase()) {
            case "", "true", "1", "yes", "y" -> true;
            case "false", "0", "no", "n" -> false;
            default -> null;
        };
    }
}
