package org.ecoplan.plan.department;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A group named in the plan instead of departments (各街乡镇, 各乡镇, 相关乡镇, 有关部门 …). It is kept as a group;
 * its members let "a department's measures" include those assigned to a group it belongs to. An open group
 * (有关部门) has no members until an administrator names them.
 */
@Entity
@Table(name = "department_group")
public class DepartmentGroup extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    /** The district whose departments it gathers; its name is unique there. */
    @Column(nullable = false)
    public String district;

    @Column(nullable = false)
    public long revision;

    @ManyToMany
    @JoinTable(name = "department_group_member",
            joinColumns = @JoinColumn(name = "group_id"),
            inverseJoinColumns = @JoinColumn(name = "department_id"))
    @OrderBy("code")
    public List<Department> members = new ArrayList<>();

    public static DepartmentGroup create(String code, String name, String district, List<Department> members) {
        DepartmentGroup group = new DepartmentGroup();
        group.district = district;
        group.id = UUID.randomUUID();
        group.code = code;
        group.name = name;
        group.revision = 1;
        group.members = new ArrayList<>(members);
        return group;
    }

    public List<String> memberCodes() {
        return members.stream().map(member -> member.code).toList();
    }
}
