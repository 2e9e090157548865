package org.ecoplan.web.input;

/**
 * The years a year parameter may name. A year far outside them means nothing to a plan, a series or a figure,
 * and would overflow date arithmetic (Java's and PostgreSQL's date ranges end long before int's), so it is
 * refused with 400 naming the parameter: {@code @Min(Years.MIN) @Max(Years.MAX) Integer year}.
 */
public final class Years {

    public static final int MIN = 1900;
    public static final int MAX = 9999;
    public static final String MESSAGE = "must be a year from " + MIN + " to " + MAX;

    private Years() {
    }
}
