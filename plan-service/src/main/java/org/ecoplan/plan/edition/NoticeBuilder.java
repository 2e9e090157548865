package org.ecoplan.plan.edition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.EditionAdopted;
import org.ecoplan.plan.catalogue.PlanDocument;

/**
 * Sorts an adoption's measure changes by the departments they concern (named before or after, directly or through
 * a group), with one sentence in Chinese each for the inbox.
 */
final class NoticeBuilder {

    /** One measure's change: before is null for an added measure, after for a removed one. */
    record Item(EditionAdopted.Change change, boolean moved, EditionContent.MeasureItem before,
            EditionContent.MeasureItem after, UUID measureId) {
    }

    private final PlanDocument previous;
    private final PlanDocument adopted;
    private final Instant adoptedAt;
    private final String adoptedBy;
    private final Map<String, String> departmentNames;

    NoticeBuilder(PlanDocument previous, PlanDocument adopted, Instant adoptedAt, String adoptedBy,
            Map<String, String> departmentNames) {
        this.previous = previous;
        this.adopted = adopted;
        this.adoptedAt = adoptedAt;
        this.adoptedBy = adoptedBy;
        this.departmentNames = departmentNames;
    }

    List<EditionAdopted> build(List<Item> items) {
        Map<String, List<EditionAdopted.MeasureChange>> byDepartment = new LinkedHashMap<>();
        for (Item item : items) {
            Set<String> concerned = new LinkedHashSet<>();
            concerned.addAll(codes(item.before()));
            concerned.addAll(codes(item.after()));
            for (String code : concerned) {
                byDepartment.computeIfAbsent(code, c -> new ArrayList<>()).add(change(item, code));
            }
        }
        List<EditionAdopted> notices = new ArrayList<>();
        byDepartment.forEach((code, changes) -> notices.add(EditionAdopted.of(adopted.id.toString(),
                previous.id.toString(), adopted.district, adopted.year, adopted.edition, previous.edition, adoptedAt,
                adoptedBy, code, departmentNames.getOrDefault(code, code), List.copyOf(changes))));
        return notices;
    }

    private EditionAdopted.MeasureChange change(Item item, String code) {
        EditionContent.MeasureItem now = item.after() != null ? item.after() : item.before();
        List<String> rolesBefore = roles(item.before(), code);
        List<String> rolesAfter = item.change() == EditionAdopted.Change.REMOVED ? List.of() : roles(item.after(), code);
        boolean textChanged = item.before() != null && item.after() != null
                && !item.before().text().equals(item.after().text());
        boolean deadlineChanged = item.before() != null && item.after() != null
                && !Objects.equals(item.before().deadlineLabel(), item.after().deadlineLabel());
        return new EditionAdopted.MeasureChange(item.measureId().toString(), item.change(), item.moved(),
                now.attachment(), now.taskNumber(), now.taskName(), now.position(), rolesBefore, rolesAfter, now.text(),
                textChanged ? item.before().text() : null, now.deadlineLabel(),
                deadlineChanged ? item.before().deadlineLabel() : null,
                summary(item, rolesBefore, rolesAfter, textChanged, deadlineChanged));
    }

    private String summary(Item item, List<String> rolesBefore, List<String> rolesAfter, boolean textChanged,
            boolean deadlineChanged) {
        EditionContent.MeasureItem now = item.after() != null ? item.after() : item.before();
        String place = "附件" + now.attachment() + "第" + now.taskNumber() + "项重点任务（" + now.taskName() + "）";
        return switch (item.change()) {
            case ADDED -> adopted.edition + "新增工作措施，列入" + place + "，您为" + chinese(rolesAfter);
            case REMOVED -> adopted.edition + "删除了" + place + "的该项工作措施，不再跟踪报送";
            default -> {
                List<String> parts = new ArrayList<>();
                if (textChanged) {
                    parts.add("工作措施内容有修改");
                }
                if (deadlineChanged) {
                    parts.add("完成时限由" + item.before().deadlineLabel() + "调整为" + item.after().deadlineLabel());
                }
                if (!rolesBefore.equals(rolesAfter)) {
                    parts.add(rolesAfter.isEmpty() ? "您不再承担该措施（原为" + chinese(rolesBefore) + "）"
                            : rolesBefore.isEmpty() ? "您新承担该措施，为" + chinese(rolesAfter)
                            : "您的职责由" + chinese(rolesBefore) + "调整为" + chinese(rolesAfter));
                } else if (!textChanged && !deadlineChanged && item.change() == EditionAdopted.Change.CHANGED) {
                    parts.add("承担部门有调整");
                }
                if (item.moved()) {
                    parts.add("调整至" + place + "第" + now.position() + "条");
                }
                yield String.join("；", parts);
            }
        };
    }

    private static String chinese(List<String> roles) {
        return String.join("、", roles.stream().map(role -> AssignmentRole.valueOf(role).chineseName()).toList());
    }

    /** The departments a measure names: directly, or as members of a group. */
    private static Set<String> codes(EditionContent.MeasureItem measure) {
        Set<String> codes = new LinkedHashSet<>();
        if (measure != null) {
            measure.departments().values().forEach(named -> named.forEach(n -> codes.addAll(n.departmentCodes())));
        }
        return codes;
    }

    private static List<String> roles(EditionContent.MeasureItem measure, String code) {
        List<String> roles = new ArrayList<>();
        if (measure != null) {
            for (AssignmentRole role : AssignmentRole.values()) {
                if (measure.in(role).stream().anyMatch(n -> n.departmentCodes().contains(code))) {
                    roles.add(role.name());
                }
            }
        }
        return roles;
    }
}
