package org.ecoplan.plan.episode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;
import org.ecoplan.plan.department.DepartmentGroupRepository;
import org.ecoplan.plan.department.DepartmentRepository;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;

import io.quarkus.logging.Log;

/**
 * The district's duty list (应急减排清单): imported whole, all or nothing, each import the next version. Every row
 * must name a department of the registry that is a member of 区空气重污染应急指挥部成员单位 (the catalogue's group
 * {@value EpisodeState#MEMBER_GROUP}): a duty for a unit that is never told would be a duty nobody carries out.
 */
@ApplicationScoped
public class DutyListService {

    static final int MAX_ACTION = 1000;
    static final int MAX_ITEM = 100;
    static final int MAX_ITEMS_TEXT = 2000;

    private final DutyListRepository lists;
    private final DepartmentRepository departments;
    private final DepartmentGroupRepository groups;
    private final BusinessClock clock;

    DutyListService(DutyListRepository lists, DepartmentRepository departments, DepartmentGroupRepository groups,
            BusinessClock clock) {
        this.lists = lists;
        this.departments = departments;
        this.groups = groups;
        this.clock = clock;
    }

    /** A version of the list with its duties in list order and the registry's department names by code. */
    public record Detail(DutyList list, List<Duty> duties, Map<String, String> departmentNames) {
    }

    /** Checks every row; stores the list as the next version only if none has a problem (422 with every problem). */
    @Transactional
    public Detail importList(List<DutyRow> rows, boolean example, String source, String actor) {
        DepartmentGroup group = memberGroup();
        Set<String> members = new HashSet<>(group.memberCodes());
        Map<String, Department> byName = new HashMap<>();
        departments.listAll().forEach(d -> byName.put(d.name, d));
        List<Problem.FieldProblem> errors = new ArrayList<>();
        List<Duty> duties = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (rows.isEmpty()) {
            errors.add(new Problem.FieldProblem("duties", "the list names no duty / 清单为空"));
        }
        for (DutyRow row : rows) {
            int before = errors.size();
            String departmentField = row.name("departmentCode", "department");
            String code = text(row.department());
            Optional<Department> department = code.isEmpty() ? Optional.empty()
                    : departments.findByCode(code).or(() -> Optional.ofNullable(byName.get(code)));
            if (code.isEmpty()) {
                errors.add(new Problem.FieldProblem(departmentField, "is required / 必填"));
            } else if (department.isEmpty()) {
                errors.add(new Problem.FieldProblem(departmentField, "unknown department '" + shown(code)
                        + "': not in the department registry / 部门不存在"));
            } else if (!members.contains(department.get().code)) {
                errors.add(new Problem.FieldProblem(departmentField, department.get().code + " (" + department.get().name
                        + ") is not a member of " + group.name + "; name the members with PUT /department-groups/"
                        + group.code + "/members first / 不是" + group.name));
            }
            WarningLevel level = level(row.level());
            if (level == null) {
                errors.add(new Problem.FieldProblem(row.name("level", "level"), "unknown level '" + shown(text(row.level()))
                        + "'; one of BLUE, YELLOW, ORANGE, RED (蓝色、黄色、橙色、红色) / 预警级别无效"));
            }
            String action = text(row.action());
            if (action.isEmpty()) {
                errors.add(new Problem.FieldProblem(row.name("action", "action"), "is required / 必填"));
            } else if (action.length() > MAX_ACTION || action.indexOf('\u0000') >= 0) {
                errors.add(new Problem.FieldProblem(row.name("action", "action"), "at most %d characters, no NUL / 不超过%d个字符".formatted(MAX_ACTION, MAX_ACTION)));
            }
            List<String> items = row.reportItems() == null ? List.of() : row.reportItems();
            for (int i = 0; i < items.size(); i++) {
                String item = text(items.get(i));
                String field = row.csv() ? row.field() + "reportItems" : row.field() + "reportItems[" + i + "]";
                if (item.isEmpty() || item.length() > MAX_ITEM || item.contains(Duty.ITEM_SEPARATOR) || item.indexOf('\u0000') >= 0) {
                    errors.add(new Problem.FieldProblem(field, "each item is 1-%d characters without '|' / 报送事项无效".formatted(MAX_ITEM)));
                }
            }
            if (errors.size() == before) {
                String joined = String.join(Duty.ITEM_SEPARATOR, items.stream().map(DutyListService::text).toList());
                if (joined.length() > MAX_ITEMS_TEXT) {
                    errors.add(new Problem.FieldProblem(row.name("reportItems", "reportItems"), "too many report items / 报送事项过多"));
                    continue;
                }
                if (!seen.add(department.get().code + "|" + level + "|" + action)) {
                    errors.add(new Problem.FieldProblem(row.name("action", "action"), "the same duty is listed twice for "
                            + department.get().code + " at " + level + " / 重复"));
                    continue;
                }
                Duty duty = new Duty();
                duty.departmentCode = department.get().code;
                duty.level = level;
                duty.action = action;
                duty.reportItems = joined;
                duties.add(duty);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("%d problem(s) in the duty list; nothing was imported / 清单有误，未导入"
                    .formatted(errors.size()), errors);
        }
        // One import at a time: the next version number is taken under a table lock, held until commit.
        DutyList list = new DutyList();
        list.version = lists.nextVersionLocked();
        list.example = example;
        list.source = source == null || source.isBlank() ? null : source.strip();
        list.importedAt = clock.now();
        list.importedBy = actor;
        lists.persist(list);
        for (int i = 0; i < duties.size(); i++) {
            Duty duty = duties.get(i);
            duty.key = new Duty.Key(list.version, i + 1);
            duty.persist();
        }
        Log.infof("Duty list version %d imported by %s: %d duties%s", list.version, actor, duties.size(), example ? " (example)" : "");
        return view(list, duties);
    }

    @Transactional
    public Optional<Detail> current() {
        return latest().map(list -> view(list, duties(list.version)));
    }

    @Transactional
    public Detail version(int version) {
        DutyList list = lists.findByIdOptional(version).orElseThrow(() -> ProblemException.notFound("duty list version", version));
        return view(list, duties(list.version));
    }

    /** The latest version, if any list was ever imported. */
    Optional<DutyList> latest() {
        return lists.findLatest();
    }

    /** What each member does at {@code level} under the latest list: the group's members in code order, duties in list order. */
    List<EpisodeState.MemberDuties> membersAt(WarningLevel level, Integer version) {
        Map<String, List<EpisodeState.Duty>> byDepartment = new HashMap<>();
        if (version != null) {
            for (Duty duty : duties(version)) {
                if (level.includes(duty.level)) {
                    byDepartment.computeIfAbsent(duty.departmentCode, code -> new ArrayList<>())
                            .add(new EpisodeState.Duty(duty.level, duty.action, duty.reportItemList()));
                }
            }
        }
        List<EpisodeState.MemberDuties> members = new ArrayList<>();
        for (Department member : memberGroup().members) {
            members.add(new EpisodeState.MemberDuties(member.code, member.name, byDepartment.getOrDefault(member.code, List.of())));
        }
        return members;
    }

    private List<Duty> duties(int version) {
        return Duty.<Duty>list("key.listVersion = ?1 order by key.position", version);
    }

    private DepartmentGroup memberGroup() {
        return groups.findByCode(EpisodeState.MEMBER_GROUP)
                .orElseThrow(() -> new IllegalStateException("The registry lacks the group " + EpisodeState.MEMBER_GROUP));
    }

    private Detail view(DutyList list, List<Duty> duties) {
        Map<String, String> names = new LinkedHashMap<>();
        departments.listAll().forEach(d -> names.put(d.code, d.name));
        return new Detail(list, duties, names);
    }

    static WarningLevel level(String text) {
        String value = text(text);
        for (WarningLevel level : WarningLevel.values()) {
            if (level.name().equals(value) || level.chineseName().equals(value)
                    || level.chineseName().substring(0, 2).equals(value)) {
                return level;
            }
        }
        return null;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
