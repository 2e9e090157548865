package org.ecoplan.indicator.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.testing.SeedCatalogue;
import org.junit.jupiter.api.Test;

class MeasureTargetExtractorTest {

    private final MeasureTargetExtractor extractor = new MeasureTargetExtractor();

    @Test
    void findsTheQuantifiedTargetsTheIssueNames() {
        List<ExtractedTarget> found = new ArrayList<>();
        int unread = 0;
        for (MeasureState measure : SeedCatalogue.measures()) {
            MeasureTargetExtractor.Result result = extractor.extract(measure.text());
            found.addAll(result.found());
            unread += result.unread().size();
        }
        assertTarget(found, "城市道路机械化作业率", "97.5", "%", Comparison.AT_LEAST);
        assertTarget(found, "全区污水处理率", "98", "%", Comparison.AT_LEAST);
        assertTarget(found, "城镇供水管网漏损率", "8", "%", Comparison.AT_MOST);
        assertTarget(found, "全区森林覆盖率", "65.22", "%", Comparison.AT_LEAST);
        assertTrue(found.stream().anyMatch(target -> target.value().compareTo(BigDecimal.TEN) == 0 && "组".equals(target.unit())
                && target.comparison() == Comparison.AT_LEAST), "不低于10组");
        assertTrue(found.stream().anyMatch(target -> target.value().compareTo(new BigDecimal(3)) == 0 && "家".equals(target.unit())),
                "3家以上");
        assertTrue(found.size() >= 20, "found " + found.size());
        assertTrue(unread > 0, "some per-cent figures cannot be read, e.g. 按照不低于15%的比例");
    }

    @Test
    void reportsPerCentFiguresWithoutASubjectAsUnread() {
        MeasureTargetExtractor.Result result = extractor.extract("交通等行业主管部门按照不低于15%的比例对施工工地开展检查");
        assertEquals(0, result.found().size());
        assertEquals(1, result.unread().size());
    }

    private static void assertTarget(List<ExtractedTarget> found, String name, String value, String unit, Comparison comparison) {
        ExtractedTarget target = found.stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + found.stream().map(ExtractedTarget::name).toList()));
        assertEquals(0, new BigDecimal(value).compareTo(target.value()), name);
        assertEquals(unit, target.unit(), name);
        assertEquals(comparison, target.comparison(), name);
    }
}
