package org.ecoplan.indicator.benchmark;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.testing.ReadLatency;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Latency of the indicator, air-quality, roll-up and scorecard reads with about 10^6 observations in the table:
 * daily PM2.5 and AQI since 2016 for the district and its 18 subdistricts and towns, monthly values since 2016
 * for the 22 seed indicators and for as many further indicator series per area as make up the million, and a
 * few corrections kept as history. Roll-ups cover the 212 seed measures. Not part of the suite:
 * {@code mvn -B -o -pl indicator-service -am verify -Pbenchmark -Dtest=IndicatorReadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Writes {@code indicator-service/target/benchmarks/indicator-reads.md}.
 * The bulk rows are inserted with SQL (the CSV import would take long for a million); the reads go over HTTP.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@Tag("benchmark")
class IndicatorReadBenchmark {

    private static final int OBSERVATIONS = Integer.getInteger("benchmark.observations", 1_000_000);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 400);
    private static final LocalDate FIRST_DAY = LocalDate.of(2016, 1, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    /** Share of the daily values that were corrected once (the replaced value stays as history). */
    private static final int CORRECTED_ONE_IN = 50;

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    @Inject
    CatalogueReplica replica;

    @Inject
    BusinessClock clock;

    @Test
    void readsStayFastWithAMillionObservations() throws Exception {
        clock.setTo(TODAY, 10);
        AppFixture.seedCatalogueReplicated();
        await().atMost(Duration.ofSeconds(60)).until(() -> replica.count(MeasureState.class) >= SeedCatalogue.measures().size());

        long loadStart = System.nanoTime();
        long rows = loadObservations();
        loadMeasureProgress();
        // Judges every indicator on the loaded values and computes the roll-ups of all scopes.
        given().header("Authorization", Tokens.bearer(Roles.ADMIN, null)).post("/status/reevaluate").then().statusCode(200);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        String pm25 = SeedCatalogue.indicator(1).id();
        String planId = SeedCatalogue.measures().get(0).planId();
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("indicators of 2026, first page (50)", "indicators?year=2026&size=50");
        reads.put("one indicator with status and projection (PM2.5)", "indicators/" + pm25);
        reads.put("time series: PM2.5 of 康庄镇, one year of days", "observations?series=PM25_DAILY&area=KANGZHUANG"
                + "&from=2026-01-01&to=2026-12-31&size=366");
        reads.put("air quality 2026, district", "air-quality?area=YANQING&year=2026");
        reads.put("air quality 2026, one town (康庄镇)", "air-quality?area=KANGZHUANG&year=2026");
        reads.put("air quality 2026, all 19 areas", "air-quality/areas?year=2026");
        reads.put("monthly PM2.5 ranking of the 18", "air-quality/ranking?month=2026-05");
        reads.put("roll-ups, first page (50)", "rollups?size=50");
        reads.put("roll-ups of departments (50)", "rollups?scopeType=DEPARTMENT&size=50");
        reads.put("one plan's roll-up", "rollups/PLAN/" + planId);
        reads.put("department scorecard (ENV)", "departments/ENV/scorecard");

        ReadLatency latency = new ReadLatency(REQUESTS);
        for (Map.Entry<String, String> read : reads.entrySet()) {
            latency.measure(read.getKey(), HttpRequest.newBuilder(base.resolve(read.getValue())).GET().build());
        }
        latency.write("Indicator read latency", String.format("%,d observations (daily PM2.5/AQI %s to %s for 19 areas, "
                + "monthly values of the 22 seed indicators and further series for 19 areas, 1 in %d daily values "
                + "corrected), roll-ups of %d measures; loaded by SQL and judged in %.0f s. %d sequential requests "
                + "per read after %d warm-up.", rows, FIRST_DAY, TODAY, CORRECTED_ONE_IN, SeedCatalogue.measures().size(),
                loadSeconds, REQUESTS, REQUESTS / 4), Path.of("target/benchmarks/indicator-reads.md"));
    }

    /** @return the rows in the observation table afterwards */
    private long loadObservations() throws SQLException {
        String areas = sqlArray(Area.ALL.stream().map(Area::code).toList());
        String seedSeries = sqlArray(SeedCatalogue.indicators().stream().map(indicator -> indicator.id()).toList());
        long days = FIRST_DAY.datesUntil(TODAY.plusDays(1)).count();
        long daily = days * 2 * Area.ALL.size();
        long months = FIRST_DAY.withDayOfMonth(1).datesUntil(TODAY.plusDays(1), java.time.Period.ofMonths(1)).count();
        long perSeries = months * Area.ALL.size();
        long further = Math.max(0, (OBSERVATIONS - daily - daily / CORRECTED_ONE_IN) / perSeries - SeedCatalogue.indicators().size());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // Winter high, summer low; AQI follows PM2.5; about one day in 30 has too few hourly values.
            statement.execute("""
                    insert into observation (id, series, area, period_type, period_start, value, valid, hours, source,
                        entered_at, entered_by, current)
                    select gen_random_uuid(), metric, area, 'DAY', day::date,
                           round(((case metric when 'AQI_DAILY' then 1.4 else 1 end)
                               * (32 + 18 * cos(2 * pi() * (extract(doy from day) - 15) / 365.0) + random() * 25))::numeric, 1),
                           valid, case when valid then 24 else 16 end, 'benchmark', day + interval '1 day', 'benchmark', true
                    from unnest(%s) as area, unnest(array['PM25_DAILY', 'AQI_DAILY']) as metric,
                         generate_series(date '%s', date '%s', interval '1 day') as day,
                         lateral (select abs(hashtext(area || day::text)) %% 30 <> 0 as valid) as validity
                    """.formatted(areas, FIRST_DAY, TODAY));
            statement.execute("""
                    insert into observation (id, series, area, period_type, period_start, value, valid, hours, source,
                        entered_at, entered_by, current, superseded_at)
                    select gen_random_uuid(), series, area, period_type, period_start, value + 3, valid, hours, source,
                           entered_at - interval '1 hour', entered_by, false, entered_at
                    from observation where period_type = 'DAY' and abs(hashtext(id::text)) %% %d = 0
                    """.formatted(CORRECTED_ONE_IN));
            statement.execute("""
                    insert into observation (id, series, area, period_type, period_start, value, valid, hours, source,
                        entered_at, entered_by, current)
                    select gen_random_uuid(), series, area, 'MONTH', month::date, round((random() * 100)::numeric, 2), true,
                           null, 'benchmark', month + interval '1 month', 'benchmark', true
                    from (select unnest(%s) as series union all select 'benchmark-series-' || n from generate_series(1, %d) as n) as s,
                         unnest(%s) as area, generate_series(date '%s', date '%s', interval '1 month') as month
                    """.formatted(seedSeries, further, areas, FIRST_DAY.withDayOfMonth(1), TODAY));
            statement.execute("analyze observation");
            try (ResultSet count = statement.executeQuery("select count(*) from observation")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    /** Official statuses and this month's reports for every seed measure, as progress events would leave them. */
    private void loadMeasureProgress() throws SQLException {
        List<String> measureIds = SeedCatalogue.measures().stream().map(MeasureState::id).toList();
        try (Connection connection = dataSource.getConnection()) {
            var ids = connection.createArrayOf("varchar", measureIds.toArray());
            try (PreparedStatement progress = connection.prepareStatement("""
                    insert into measure_progress (measure_id, sequence, status, overdue, deadline, completed_on,
                        completed_on_time, last_reported_period, changed_at)
                    select id, 1, (array['NOT_STARTED','ON_TRACK','ON_TRACK','AT_RISK','DELAYED','COMPLETED'])[1 + (i % 6)::int],
                           i % 6 <> 5 and i % 11 = 0, date '2026-12-31',
                           case when i % 6 = 5 then date '2026-10-15' end, case when i % 6 = 5 then i % 4 <> 0 end,
                           case when i % 3 = 0 then '2026-11' else '2026-10' end, now()
                    from unnest(?) with ordinality as m(id, i)
                    on conflict do nothing""");
                    PreparedStatement reports = connection.prepareStatement("""
                    insert into report_seen (report_id, measure_id, revision, period, state)
                    select 'benchmark-' || id, id, 1, '2026-11', (array['SUBMITTED','APPROVED'])[1 + (i % 2)::int]
                    from unnest(?) with ordinality as m(id, i) where i % 2 = 0
                    on conflict do nothing""")) {
                progress.setArray(1, ids);
                progress.execute();
                reports.setArray(1, ids);
                reports.execute();
            }
        }
    }

    private static String sqlArray(List<String> values) {
        return "array[" + String.join(",", values.stream().map(value -> "'" + value.replace("'", "''") + "'").toList())
                + "]::varchar[]";
    }
}
