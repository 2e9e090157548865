package org.ecoplan.documents.chart;

import java.util.List;

/** The few drawing operations a chart needs; written once as SVG, once with Java2D. */
public interface Canvas {

    enum Anchor {
        START, MIDDLE, END
    }

    void rect(double x, double y, double width, double height, String fill, String tooltip);

    void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed);

    void polyline(List<double[]> points, String stroke, double width);

    void circle(double x, double y, double radius, String fill);

    void text(double x, double y, String text, double size, Anchor anchor, String fill, boolean bold);
}
