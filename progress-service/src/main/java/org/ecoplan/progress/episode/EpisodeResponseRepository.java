package org.ecoplan.progress.episode;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class EpisodeResponseRepository implements PanacheRepositoryBase<EpisodeResponse, UUID> {

    /**
     * Serialises the filings of one unit's day until commit, so that two phones sending the same day at once get one
     * response and one 409 (not a unique-violation 500).
     */
    public void lockDay(String episodeId, String departmentCode, LocalDate day) {
        getEntityManager().createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(:slot))) locked")
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("slot", "episode-response:" + episodeId + ":" + departmentCode + ":" + day).getSingleResult();
    }

    public Optional<EpisodeResponse> findDay(String episodeId, String departmentCode, LocalDate day) {
        return find("episodeId = :episode and departmentCode = :department and day = :day",
                Parameters.with("episode", episodeId).and("department", departmentCode).and("day", day)).firstResultOptional();
    }

    /** The episode's responses by day and unit, optionally of one day and one unit. */
    public List<EpisodeResponse> ofEpisode(String episodeId, LocalDate day, String departmentCode) {
        StringBuilder query = new StringBuilder("episodeId = :episode");
        Parameters parameters = Parameters.with("episode", episodeId);
        if (day != null) {
            query.append(" and day = :day");
            parameters.and("day", day);
        }
        if (departmentCode != null) {
            query.append(" and departmentCode = :department");
            parameters.and("department", departmentCode);
        }
        return list(query.append(" order by day, departmentCode").toString(), parameters);
    }
}
