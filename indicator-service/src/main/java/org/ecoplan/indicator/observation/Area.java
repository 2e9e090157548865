package org.ecoplan.indicator.observation;

import java.util.List;
import java.util.Optional;

/**
 * The district and its 18 subdistricts and towns. Codes are the plan catalogue's department codes of the
 * subdistrict/town governments (group 各街乡镇 = ALL-SUBDISTRICTS-TOWNS), so that an area and the department
 * answerable for it share one code; the district itself is {@value #DISTRICT_CODE}.
 */
public record Area(String code, String name, String kind) {

    public static final String DISTRICT_CODE = "YANQING";

    public static final List<Area> ALL = List.of(
            new Area(DISTRICT_CODE, "延庆区", "DISTRICT"),
            new Area("BAIQUAN", "百泉街道", "SUBDISTRICT"),
            new Area("XIANGSHUIYUAN", "香水园街道", "SUBDISTRICT"),
            new Area("RULIN", "儒林街道", "SUBDISTRICT"),
            new Area("YANQING-TOWN", "延庆镇", "TOWN"),
            new Area("KANGZHUANG", "康庄镇", "TOWN"),
            new Area("BADALING", "八达岭镇", "TOWN"),
            new Area("YONGNING", "永宁镇", "TOWN"),
            new Area("JIUXIAN", "旧县镇", "TOWN"),
            new Area("ZHANGSHANYING", "张山营镇", "TOWN"),
            new Area("SIHAI", "四海镇", "TOWN"),
            new Area("QIANJIADIAN", "千家店镇", "TOWN"),
            new Area("SHENJIAYING", "沈家营镇", "TOWN"),
            new Area("DAYUSHU", "大榆树镇", "TOWN"),
            new Area("JINGZHUANG", "井庄镇", "TOWN"),
            new Area("LIUBINPU", "刘斌堡乡", "TOWNSHIP"),
            new Area("DAZHUANGKE", "大庄科乡", "TOWNSHIP"),
            new Area("XIANGYING", "香营乡", "TOWNSHIP"),
            new Area("ZHENZHUQUAN", "珍珠泉乡", "TOWNSHIP"));

    /** The 18 subdistricts and towns (without the district). */
    public static List<Area> subdistrictsAndTowns() {
        return ALL.subList(1, ALL.size());
    }

    /** By code or Chinese name; blank means the district. */
    public static Optional<Area> find(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.of(ALL.get(0));
        }
        String wanted = codeOrName.strip();
        return ALL.stream().filter(area -> area.code.equalsIgnoreCase(wanted) || area.name.equals(wanted)).findFirst();
    }

    public static String nameOf(String code) {
        return find(code).map(Area::name).orElse(code);
    }
}
