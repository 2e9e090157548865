package org.ecoplan.plan.episode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.ecoplan.catalogue.contract.WarningLevel;

/** A heavy-pollution warning (重污染天气预警) and the district's response to it, from activation to lifting. */
@Entity
@Table(name = "episode")
public class Episode extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WarningLevel level;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Issuer issuer;

    @Column(nullable = false)
    public String reason;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "expected_end_at", nullable = false)
    public Instant expectedEndAt;

    @Column(name = "lifted_at")
    public Instant liftedAt;

    @Column(name = "duty_list_version")
    public Integer dutyListVersion;

    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public boolean lifted() {
        return liftedAt != null;
    }

    /** Who issued the warning. */
    public enum Issuer {
        CITY("市级预警"), DISTRICT("区级预警");

        private final String chineseName;

        Issuer(String chineseName) {
            this.chineseName = chineseName;
        }

        public String chineseName() {
            return chineseName;
        }
    }
}
