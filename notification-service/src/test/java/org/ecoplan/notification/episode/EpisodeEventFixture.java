package org.ecoplan.notification.episode;

import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.indicator.contract.AirQualityDayChanged;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.testing.EventWriter;

/** The events the episode tests send as plan- and indicator-service publish them, and what they wait for. */
final class EpisodeEventFixture {

    private EpisodeEventFixture() {
    }

    /** An episode's state on the catalogue topic, keyed by its id, with the event type of its change. */
    static void publish(EpisodeState state) {
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, state.id(),
                    EpisodeEvents.valueOf(state.change()).eventType(), state);
        }
    }

    /** Sends a district's day and waits until the air-quality consumer has processed it; @return its event id. */
    static UUID applied(DataSource dataSource, AirQualityDayChanged day) {
        UUID id;
        try (var writer = new EventWriter("/ecoplan/indicator-service")) {
            id = writer.send(IndicatorEvents.TOPIC, IndicatorEvents.AIR_QUALITY_DAY_CHANGED.aggregateType(),
                    day.area() + "/" + day.date(), IndicatorEvents.AIR_QUALITY_DAY_CHANGED.eventType(), day);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dataSource, "select count(*) from processed_event where "
                + "consumer = 'notification-air-quality' and event_id = '" + id + "'") == 1);
        return id;
    }

    static long count(DataSource dataSource, String sql) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
