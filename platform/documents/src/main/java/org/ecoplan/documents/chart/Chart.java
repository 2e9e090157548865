package org.ecoplan.documents.chart;

import java.util.List;

/**
 * A chart of a document, independent of how it is drawn: the same model becomes SVG in the HTML and a PNG image
 * in the .docx and the PDF, so the three forms show the same picture.
 *
 * @param categories  the bars' or points' labels (months, towns, plans), in drawing order
 * @param series      values per category ({@code null} = no value); bars are grouped, or stacked when {@code stacked}
 * @param targetValue a horizontal (vertical for horizontal bars) target line, or {@code null}
 * @param decimals    of the values written on the bars, as published (PM2.5 one decimal, counts none)
 */
public record Chart(String id, String title, Orientation orientation, boolean stacked, String unit,
        List<String> categories, List<Series> series, Double targetValue, String targetLabel, int decimals) {

    /** Copies: a chart is a value (its PNG is cached by it), not a view of lists its maker may still change. */
    public Chart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    public enum Orientation {
        /** Categories along the x axis (months). */
        VERTICAL,
        /** Categories down the y axis (towns, plans: long Chinese names read better in rows). */
        HORIZONTAL
    }

    /** @param line drawn as a line over the bars instead of as bars */
    public record Series(String name, String color, List<Double> values, boolean line) {

        public Series {
            // Values may be null (no value that month): List.copyOf would refuse them.
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    public double maxValue() {
        double max = targetValue == null ? 0 : targetValue;
        if (stacked) {
            for (int i = 0; i < categories.size(); i++) {
                double sum = 0;
                for (Series one : series) {
                    Double value = one.values().get(i);
                    sum += value == null ? 0 : value;
                }
                max = Math.max(max, sum);
            }
        } else {
            for (Series one : series) {
                for (Double value : one.values()) {
                    if (value != null) {
                        max = Math.max(max, value);
                    }
                }
            }
        }
        return max;
    }
}
