package org.ecoplan.catalogue.contract;

/**
 * The four levels of a heavy-pollution warning (重污染天气预警), lowest first: the order is the order of the
 * response, and a unit's duties at a level include those of the levels below it.
 */
public enum WarningLevel {
    BLUE("蓝色预警"),
    YELLOW("黄色预警"),
    ORANGE("橙色预警"),
    RED("红色预警");

    private final String chineseName;

    WarningLevel(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Whether a duty listed for {@code listed} applies at this level (a higher warning keeps the lower ones' duties). */
    public boolean includes(WarningLevel listed) {
        return listed.ordinal() <= ordinal();
    }
}
