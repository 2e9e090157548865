package org.ecoplan.documents.chart;

import java.util.List;
import java.util.Locale;

/** Writes a chart as inline SVG: readable without any script, each bar with a tooltip. */
public final class SvgCanvas implements Canvas {

    private final StringBuilder svg = new StringBuilder();

    private SvgCanvas() {
    }

    public static String svg(Chart chart) {
        SvgCanvas canvas = new SvgCanvas();
        int height = ChartPainter.height(chart);
        canvas.svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(escape(chart.id()))
                .append("\" role=\"img\" aria-label=\"").append(escape(chart.title())).append("\" width=\"")
                .append(ChartPainter.WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(ChartPainter.WIDTH).append(' ').append(height).append("\" font-family=\"")
                .append(ChartFonts.CSS_FAMILY).append("\">");
        ChartPainter.paint(chart, canvas);
        canvas.svg.append("</svg>");
        return canvas.svg.toString();
    }

    @Override
    public void rect(double x, double y, double width, double height, String fill, String tooltip) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" fill=\"").append(fill).append('"');
        if (tooltip == null) {
            svg.append("/>");
        } else {
            svg.append(" class=\"bar\"><title>").append(escape(tooltip)).append("</title></rect>");
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed) {
        svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append('"').append(dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>");
    }

    @Override
    public void polyline(List<double[]> points, String stroke, double width) {
        svg.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
                .append("\" points=\"");
        for (double[] point : points) {
            svg.append(n(point[0])).append(',').append(n(point[1])).append(' ');
        }
        svg.append("\"/>");
    }

    @Override
    public void circle(double x, double y, double radius, String fill) {
        svg.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(radius))
                .append("\" fill=\"").append(fill).append("\"/>");
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, String fill, boolean bold) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor.name().toLowerCase(Locale.ROOT)).append("\" fill=\"").append(fill)
                .append('"').append(bold ? " font-weight=\"bold\"" : "").append('>').append(escape(text)).append("</text>");
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
