package org.ecoplan.plan.episode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.ecoplan.catalogue.contract.WarningLevel;

/** One row of a duty list: what a member unit does from a warning level up, and what it reports for it. */
@Entity
@Table(name = "duty")
public class Duty extends PanacheEntityBase {

    /** Separates the report items in their column; the import refuses item names that contain it. */
    public static final String ITEM_SEPARATOR = "|";

    @EmbeddedId
    public Key key;

    @Column(name = "department_code", nullable = false)
    public String departmentCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WarningLevel level;

    @Column(nullable = false)
    public String action;

    @Column(name = "report_items", nullable = false)
    public String reportItems;

    public List<String> reportItemList() {
        return reportItems.isEmpty() ? List.of() : Arrays.asList(reportItems.split("\\|"));
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "list_version")
        public int listVersion;

        public int position;

        public Key() {
        }

        public Key(int listVersion, int position) {
            this.listVersion = listVersion;
            this.position = position;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.listVersion == listVersion && key.position == position;
        }

        @Override
        public int hashCode() {
            return listVersion * 31 + position;
        }
    }
}
