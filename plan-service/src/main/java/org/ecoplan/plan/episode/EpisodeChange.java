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
import java.time.Instant;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.WarningLevel;

/** One entry of an episode's history: its activation, an upgrade or downgrade, its lifting. Never changed. */
@Entity
@Table(name = "episode_change")
public class EpisodeChange extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EpisodeEvents change;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WarningLevel level;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_level")
    public WarningLevel previousLevel;

    @Column(name = "effective_at", nullable = false)
    public Instant effectiveAt;

    public String reason;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "episode_id")
        public UUID episodeId;

        public long revision;

        public Key() {
        }

        public Key(UUID episodeId, long revision) {
            this.episodeId = episodeId;
            this.revision = revision;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.episodeId.equals(episodeId) && key.revision == revision;
        }

        @Override
        public int hashCode() {
            return episodeId.hashCode() * 31 + Long.hashCode(revision);
        }
    }
}
