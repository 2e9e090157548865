package org.ecoplan.notification.episode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.indicator.contract.AirQualityDayChanged;
import org.ecoplan.indicator.contract.AqiLevel;
import io.quarkus.logging.Log;

/**
 * Every area's daily air quality as indicator-service publishes it, one row per area and day holding the highest
 * revision: a correction replaces the day (the latest value wins), an older or repeated state changes nothing, so a
 * replay of the topic rebuilds the same table. The category and the heavy-day flag are indicator-service's
 * ({@link AqiLevel}, one rule for both services).
 */
@ApplicationScoped
public class AirQualityDayStore {

    private final DataSource dataSource;

    AirQualityDayStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps the day's state unless a newer revision of it is kept; @return whether it was stored. */
    @Transactional(TxType.MANDATORY)
    public boolean record(AirQualityDayChanged day) {
        if (day.area() == null || day.date() == null || day.revision() < 1 || day.changedAt() == null) {
            throw new MalformedEventException("Air-quality day " + day.area() + "/" + day.date() + " lacks its area, date, revision or time");
        }
        if ((day.aqi() != null && day.aqi().signum() < 0) || (day.pm25() != null && day.pm25().signum() < 0)) {
            throw new MalformedEventException("Air-quality day " + day.area() + "/" + day.date() + " has a negative value");
        }
        try (Connection connection = dataSource.getConnection();
             var upsert = connection.prepareStatement("""
                     insert into air_quality_day (area, day, revision, aqi, aqi_valid, aqi_level, heavy, pm25, pm25_valid, changed_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     on conflict (area, day) do update set revision = excluded.revision, aqi = excluded.aqi,
                         aqi_valid = excluded.aqi_valid, aqi_level = excluded.aqi_level, heavy = excluded.heavy,
                         pm25 = excluded.pm25, pm25_valid = excluded.pm25_valid, changed_at = excluded.changed_at
                     where air_quality_day.revision < excluded.revision""")) {
            upsert.setString(1, day.area());
            upsert.setDate(2, Date.valueOf(day.date()));
            upsert.setLong(3, day.revision());
            upsert.setBigDecimal(4, day.aqi());
            setBoolean(upsert, 5, day.aqiValid());
            upsert.setString(6, day.aqiLevel() == null ? null : day.aqiLevel().name());
            upsert.setBoolean(7, day.heavy());
            upsert.setBigDecimal(8, day.pm25());
            setBoolean(upsert, 9, day.pm25Valid());
            upsert.setTimestamp(10, Timestamp.from(day.changedAt()));
            boolean stored = upsert.executeUpdate() == 1;
            Log.debugf("Air quality of %s on %s revision %d %s", day.area(), day.date(), day.revision(), stored ? "stored" : "not newer; dropped");
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the air quality of " + day.area() + " on " + day.date(), e);
        }
    }

    /** The area's days from {@code from} to {@code to} (inclusive) that have a state, by date. */
    @Transactional(TxType.MANDATORY)
    public Map<LocalDate, Day> between(String area, LocalDate from, LocalDate to) {
        Map<LocalDate, Day> days = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("""
                     select day, aqi, aqi_valid, aqi_level, heavy, pm25, pm25_valid, revision from air_quality_day
                     where area = ? and day between ? and ? order by day""")) {
            query.setString(1, area);
            query.setDate(2, Date.valueOf(from));
            query.setDate(3, Date.valueOf(to));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    LocalDate date = rows.getDate(1).toLocalDate();
                    String level = rows.getString(4);
                    days.put(date, new Day(date, rows.getBigDecimal(2), (Boolean) rows.getObject(3),
                            level == null ? null : AqiLevel.valueOf(level), rows.getBoolean(5), rows.getBigDecimal(6),
                            (Boolean) rows.getObject(7), rows.getLong(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the air quality of " + area, e);
        }
        return days;
    }

    /** Heavy-pollution days of the area from {@code from} to {@code to} (inclusive). */
    @Transactional(TxType.MANDATORY)
    public int heavyDays(String area, LocalDate from, LocalDate to) {
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("select count(*) from air_quality_day where area = ? and heavy and day between ? and ?")) {
            query.setString(1, area);
            query.setDate(2, Date.valueOf(from));
            query.setDate(3, Date.valueOf(to));
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the heavy days of " + area, e);
        }
    }

    private static void setBoolean(java.sql.PreparedStatement statement, int index, Boolean value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BOOLEAN);
        } else {
            statement.setBoolean(index, value);
        }
    }

    /** One day's stored state. */
    public record Day(LocalDate date, BigDecimal aqi, Boolean aqiValid, AqiLevel aqiLevel, boolean heavy, BigDecimal pm25,
            Boolean pm25Valid, long revision) {
    }
}
