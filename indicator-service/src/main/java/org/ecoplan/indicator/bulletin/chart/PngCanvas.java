package org.ecoplan.indicator.bulletin.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Draws a chart with Java2D into a PNG (headless: no display is needed), for the .docx and the PDF. Text is drawn
 * with the bundled CJK font, so Chinese labels are glyphs, not boxes, on a machine without Chinese fonts.
 */
public final class PngCanvas implements Canvas {

    /** Pixels per chart unit: sharp enough for print at the width a page gives the chart. */
    public static final int SCALE = 2;

    private final Graphics2D graphics;

    private PngCanvas(Graphics2D graphics) {
        this.graphics = graphics;
    }

    public static byte[] png(Chart chart) {
        int height = ChartPainter.height(chart);
        BufferedImage image = new BufferedImage(ChartPainter.WIDTH * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.scale(SCALE, SCALE);
            ChartPainter.paint(chart, new PngCanvas(graphics));
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void rect(double x, double y, double width, double height, String fill, String tooltip) {
        graphics.setColor(Color.decode(fill));
        graphics.fill(new Rectangle2D.Double(x, y, width, height));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed) {
        graphics.setColor(Color.decode(stroke));
        graphics.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0) : new BasicStroke((float) width));
        graphics.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(List<double[]> points, String stroke, double width) {
        if (points.isEmpty()) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(points.get(0)[0], points.get(0)[1]);
        points.stream().skip(1).forEach(point -> path.lineTo(point[0], point[1]));
        graphics.setColor(Color.decode(stroke));
        graphics.setStroke(new BasicStroke((float) width));
        graphics.draw(path);
    }

    @Override
    public void circle(double x, double y, double radius, String fill) {
        graphics.setColor(Color.decode(fill));
        graphics.fill(new Ellipse2D.Double(x - radius, y - radius, radius * 2, radius * 2));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, String fill, boolean bold) {
        Font font = ChartFonts.awt().deriveFont(bold ? Font.BOLD : Font.PLAIN, (float) size);
        graphics.setFont(font);
        graphics.setColor(Color.decode(fill));
        double width = graphics.getFontMetrics().getStringBounds(text, graphics).getWidth();
        double start = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - width / 2;
            case END -> x - width;
        };
        graphics.drawString(text, (float) start, (float) y);
    }
}
