package org.ecoplan.documents.chart;

import java.util.ArrayList;
import java.util.List;

import org.ecoplan.documents.chart.Canvas.Anchor;

/**
 * Lays a {@link Chart} out on a {@link Canvas}: axes, grid with round steps, bars (grouped or stacked), lines,
 * a target line, value labels and a legend. One layout for every output, so SVG and PNG agree.
 */
public final class ChartPainter {

    public static final int WIDTH = 640;
    private static final String AXIS = "#555555";
    private static final String GRID = "#dddddd";
    private static final String TEXT = "#222222";
    private static final String TARGET = "#c0392b";

    private ChartPainter() {
    }

    /** The chart's height: horizontal bar charts grow with their rows. */
    public static int height(Chart chart) {
        return chart.orientation() == Chart.Orientation.HORIZONTAL ? 70 + 22 * chart.categories().size() + 30 : 300;
    }

    public static void paint(Chart chart, Canvas canvas) {
        canvas.rect(0, 0, WIDTH, height(chart), "#ffffff", null);
        canvas.text(WIDTH / 2.0, 20, chart.title(), 14, Anchor.MIDDLE, TEXT, true);
        if (chart.orientation() == Chart.Orientation.HORIZONTAL) {
            horizontal(chart, canvas);
        } else {
            vertical(chart, canvas);
        }
        legend(chart, canvas);
    }

    private static void vertical(Chart chart, Canvas canvas) {
        double left = 50;
        double right = WIDTH - 20;
        double top = 40;
        double bottom = height(chart) - 60;
        double step = step(chart.maxValue());
        double max = Math.max(step, Math.ceil(chart.maxValue() / step) * step);
        grid(canvas, step, max, value -> bottom - (bottom - top) * value / max, left, right, true);
        int n = chart.categories().size();
        double slot = (right - left) / Math.max(1, n);
        List<Chart.Series> bars = chart.series().stream().filter(series -> !series.line()).toList();
        double barWidth = chart.stacked() ? slot * 0.6 : slot * 0.8 / Math.max(1, bars.size());
        for (int i = 0; i < n; i++) {
            double x0 = left + slot * i;
            canvas.text(x0 + slot / 2, bottom + 16, chart.categories().get(i), 11, Anchor.MIDDLE, TEXT, false);
            double stackedTop = 0;
            for (int s = 0; s < bars.size(); s++) {
                Double value = bars.get(s).values().get(i);
                if (value == null) {
                    continue;
                }
                double h = (bottom - top) * value / max;
                double x = chart.stacked() ? x0 + slot * 0.2 : x0 + slot * 0.1 + barWidth * s;
                double y = bottom - h - (chart.stacked() ? (bottom - top) * stackedTop / max : 0);
                canvas.rect(x, y, barWidth, h, bars.get(s).color(), bars.get(s).name() + " " + chart.categories().get(i) + ": " + format(value));
                if (!chart.stacked() && bars.size() == 1) {
                    canvas.text(x + barWidth / 2, y - 3, value(value, chart.decimals()), 10, Anchor.MIDDLE, TEXT, false);
                }
                stackedTop += value;
            }
        }
        for (Chart.Series series : chart.series()) {
            if (!series.line()) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Double value = series.values().get(i);
                if (value != null) {
                    points.add(new double[] {left + slot * i + slot / 2, bottom - (bottom - top) * value / max});
                }
            }
            canvas.polyline(points, series.color(), 2);
            points.forEach(point -> canvas.circle(point[0], point[1], 3, series.color()));
        }
        if (chart.targetValue() != null) {
            double y = bottom - (bottom - top) * chart.targetValue() / max;
            canvas.line(left, y, right, y, TARGET, 1.5, true);
            canvas.text(right, y - 4, chart.targetLabel(), 11, Anchor.END, TARGET, false);
        }
        canvas.line(left, bottom, right, bottom, AXIS, 1, false);
        canvas.line(left, top, left, bottom, AXIS, 1, false);
    }

    private static void horizontal(Chart chart, Canvas canvas) {
        double left = 150;
        double right = WIDTH - 50;
        double top = 40;
        double rowHeight = 22;
        double bottom = top + rowHeight * chart.categories().size();
        double step = step(chart.maxValue());
        double max = Math.max(step, Math.ceil(chart.maxValue() / step) * step);
        grid(canvas, step, max, value -> left + (right - left) * value / max, top, bottom, false);
        for (int i = 0; i < chart.categories().size(); i++) {
            double y = top + rowHeight * i;
            canvas.text(left - 6, y + rowHeight * 0.68, chart.categories().get(i), 11, Anchor.END, TEXT, false);
            double start = 0;
            double total = 0;
            List<Chart.Series> bars = chart.series();
            double barHeight = chart.stacked() ? rowHeight * 0.7 : rowHeight * 0.7 / bars.size();
            for (int s = 0; s < bars.size(); s++) {
                Double value = bars.get(s).values().get(i);
                if (value == null || value == 0) {
                    continue;
                }
                double w = (right - left) * value / max;
                double x = left + (chart.stacked() ? (right - left) * start / max : 0);
                double by = y + rowHeight * 0.15 + (chart.stacked() ? 0 : barHeight * s);
                canvas.rect(x, by, w, barHeight, bars.get(s).color(), bars.get(s).name() + " " + chart.categories().get(i) + ": " + format(value));
                start += value;
                total = chart.stacked() ? start : Math.max(total, value);
            }
            canvas.text(left + (right - left) * total / max + 4, y + rowHeight * 0.68, value(total, chart.decimals()), 10, Anchor.START, TEXT, false);
        }
        if (chart.targetValue() != null) {
            double x = left + (right - left) * chart.targetValue() / max;
            canvas.line(x, top, x, bottom, TARGET, 1.5, true);
            canvas.text(x, top - 4, chart.targetLabel(), 11, Anchor.MIDDLE, TARGET, false);
        }
        canvas.line(left, top, left, bottom, AXIS, 1, false);
    }

    private static void grid(Canvas canvas, double step, double max, java.util.function.DoubleUnaryOperator position,
            double from, double to, boolean horizontalLines) {
        for (double value = 0; value <= max + step / 2; value += step) {
            double at = position.applyAsDouble(value);
            if (horizontalLines) {
                canvas.line(from, at, to, at, GRID, 1, false);
                canvas.text(from - 5, at + 4, format(value), 10, Anchor.END, AXIS, false);
            } else {
                canvas.line(at, from, at, to, GRID, 1, false);
                canvas.text(at, to + 14, format(value), 10, Anchor.MIDDLE, AXIS, false);
            }
        }
    }

    private static void legend(Chart chart, Canvas canvas) {
        double y = height(chart) - 18;
        double x = 50;
        for (Chart.Series series : chart.series()) {
            canvas.rect(x, y - 9, 12, 10, series.color(), null);
            canvas.text(x + 16, y, series.name(), 11, Anchor.START, TEXT, false);
            x += 28 + 12 * series.name().codePointCount(0, series.name().length());
        }
        if (chart.targetValue() != null) {
            canvas.line(x, y - 4, x + 14, y - 4, TARGET, 1.5, true);
            canvas.text(x + 18, y, chart.targetLabel(), 11, Anchor.START, TEXT, false);
        }
    }

    /** A round grid step giving about five lines. */
    static double step(double max) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (raw <= factor * magnitude) {
                return Math.max(factor * magnitude, raw < 1 && max >= 1 ? 1 : 0);
            }
        }
        return 10 * magnitude;
    }

    /** A value written on a bar, with the chart's decimals. */
    static String value(double value, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Axis labels and tooltips: whole numbers without decimals. */
    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
