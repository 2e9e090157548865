package org.ecoplan.indicator.benchmark;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
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
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.indicator.overview.MeasureIndex;
import org.ecoplan.indicator.rollup.ScopeMembers;
import org.ecoplan.testing.ReadLatency;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Latency of the indicator, air-quality, roll-up, scorecard and overview reads with about 10^6 observations in the
 * table: daily PM2.5 and AQI since 2016 for the district and its 18 subdistricts and towns, monthly values since 2016
 * for the 22 seed indicators and for as many further indicator series per area as make up the million, and a
 * few corrections kept as history. The catalogue holds the seed plan for 50 districts (10,600 measures): each has a
 * delivery state, a month-end state for every month of 2026 and about 95 monthly reports since 2019 (10^6 report
 * rows and as many first submissions). Not part of the suite:
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
    /** Districts in the catalogue: the seed's and copies of it under other names. */
    private static final int DISTRICTS = Integer.getInteger("benchmark.districts", 50);
    private static final LocalDate FIRST_REPORT_MONTH = LocalDate.of(2019, 1, 1);

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    @Inject
    CatalogueReplica replica;

    @Inject
    BusinessClock clock;

    @Inject
    MeasureIndex measureIndex;

    @Inject
    ScopeMembers scopeMembers;

    @Test
    void readsStayFastWithAMillionObservations() throws Exception {
        clock.setTo(TODAY, 10);
        AppFixture.seedCatalogueReplicated();
        await().atMost(Duration.ofSeconds(60)).until(() -> replica.count(MeasureState.class) >= SeedCatalogue.measures().size());

        long loadStart = System.nanoTime();
        long rows = loadObservations();
        int districts = loadDistricts();
        measureIndex.catchUp();
        // The districts went into the replica by SQL, past its change events: their roll-up scopes too.
        scopeMembers.catchUp();
        long reports = loadDeliveryStatesAndReports();
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
        String district = "district=%E5%BB%B6%E5%BA%86%E5%8C%BA&year=2026";
        reads.put("overview of 延庆区, today", "overview?" + district);
        reads.put("overview of 延庆区 as of 31 October", "overview?" + district + "&asOf=2026-10-31");
        reads.put("supervision list, first page", "overview/supervision-list?" + district);
        reads.put("supervision list, ENV as lead", "overview/supervision-list?" + district + "&department=ENV&role=LEAD");
        reads.put("supervision list, all states, page 3 by deadline", "overview/supervision-list?" + district
                + "&state=NOT_DUE,ON_TRACK,BEHIND_PACE,AT_RISK,OVERDUE,COMPLETED_ON_TIME,COMPLETED_LATE,NOT_ASSESSED&sort=DEADLINE&page=3&size=50");
        reads.put("supervision list as of 31 October", "overview/supervision-list?" + district + "&asOf=2026-10-31");
        reads.put("department ranking by punctuality", "overview/department-ranking?" + district + "&sort=PUNCTUALITY");

        ReadLatency latency = new ReadLatency(REQUESTS);
        for (Map.Entry<String, String> read : reads.entrySet()) {
            latency.measure(read.getKey(), HttpRequest.newBuilder(base.resolve(read.getValue())).GET().build());
        }
        latency.write("Indicator read latency", String.format("%,d observations (daily PM2.5/AQI %s to %s for 19 areas, "
                + "monthly values of the 22 seed indicators and further series for 19 areas, 1 in %d daily values "
                + "corrected); the seed plan for %d districts (%d measures) with delivery states, month-end states and "
                + "%,d monthly reports; loaded by SQL and judged in %.0f s. %d sequential requests per read after %d warm-up.",
                rows, FIRST_DAY, TODAY, CORRECTED_ONE_IN, districts, districts * SeedCatalogue.measures().size(), reports,
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

    /**
     * The seed plan again for districts 2..n, as the catalogue topic would bring it (new ids, same structure), written
     * straight into the replica. @return the number of districts
     */
    private int loadDistricts() throws SQLException {
        Set<String> copied = Set.of("plan-document", "plan", "section", "task", "measure");
        List<String> references = List.of("id", "documentId", "planId", "sectionId", "parentId", "taskId");
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                insert into catalogue_entity (aggregate_type, entity_id, revision, payload, event_id, updated_at)
                values (?, ?, 1, cast(? as jsonb), ?, now()) on conflict do nothing""")) {
            for (int district = 2; district <= DISTRICTS; district++) {
                for (SeedCatalogue.Recorded record : SeedCatalogue.records()) {
                    if (!copied.contains(record.aggregateType())) {
                        continue;
                    }
                    ObjectNode data = record.data().deepCopy();
                    for (String reference : references) {
                        if (data.hasNonNull(reference)) {
                            data.put(reference, copyId(district, data.path(reference).asText()));
                        }
                    }
                    if (data.has("district")) {
                        data.put("district", "基准区" + district);
                    }
                    insert.setString(1, record.aggregateType());
                    insert.setString(2, data.path("id").asText());
                    insert.setString(3, data.toString());
                    insert.setObject(4, UUID.randomUUID());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        return DISTRICTS;
    }

    private static String copyId(int district, String id) {
        return UUID.nameUUIDFromBytes(("benchmark-district-" + district + ":" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * For every measure of every district: its delivery state today (one in 12 without one yet), its state at the end
     * of each month of 2026, a monthly report per month since 2019 by its first lead department and that report's
     * first submission (about half by the 5th of the next month). @return report rows
     */
    private long loadDeliveryStatesAndReports() throws SQLException {
        String states = "(array['NOT_DUE','ON_TRACK','ON_TRACK','ON_TRACK','ON_TRACK','BEHIND_PACE','BEHIND_PACE','AT_RISK',"
                + "'OVERDUE','COMPLETED_ON_TIME','COMPLETED_ON_TIME','COMPLETED_LATE'])";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into progress_replica_measure (measure_id, sequence, status, overdue, deadline, completed_on,
                        completed_on_time, last_reported_period, changed_at, percent_complete, delivery_state, assessed_on,
                        window_start, window_end, expected_percent, pace_gap, overdue_since, days_late, based_on_report_id,
                        last_approved_at, delivery, updated_at)
                    select measure_id, 100, 'ON_TRACK', state = 'OVERDUE', deadline_end, null, null, '2026-11', now(), 40,
                           delivery_state, assessed_on, window_start, deadline_end, expected_percent, pace_gap, overdue_since,
                           days_late, 'benchmark-' || measure_id, timestamp '2026-11-06 10:00',
                           case when delivery_state is not null then jsonb_build_object('state', delivery_state,
                               'assessedOn', assessed_on, 'windowStart', window_start, 'windowEnd', deadline_end,
                               'expectedPercent', expected_percent, 'paceGap', pace_gap, 'overdueSince', overdue_since,
                               'daysLate', days_late) end, now()
                    from (select m.measure_id, m.deadline_end, s.state,
                                 case when h %% 13 = 0 then null else s.state end as delivery_state, date '%2$s' as assessed_on,
                                 date '2026-01-01' as window_start, 91 as expected_percent,
                                 case when s.state = 'BEHIND_PACE' then 30 + h %% 40 end as pace_gap,
                                 case when s.state = 'OVERDUE' then date '2026-10-01' end as overdue_since,
                                 case when s.state = 'OVERDUE' then 60 + h %% 30 end as days_late
                          from overview_measure m, lateral (select abs(hashtext(m.measure_id)) as h) as hashed,
                               lateral (select %1$s[1 + h %% 12] as state) as s) as loaded
                    on conflict (measure_id) do update set delivery_state = excluded.delivery_state,
                        assessed_on = excluded.assessed_on, pace_gap = excluded.pace_gap, days_late = excluded.days_late,
                        overdue_since = excluded.overdue_since, based_on_report_id = excluded.based_on_report_id,
                        last_approved_at = excluded.last_approved_at, delivery = excluded.delivery""".formatted(states, TODAY));
            statement.execute("""
                    insert into measure_state_month (measure_id, month_start, sequence, delivery_state, assessed_on,
                        window_end, pace_gap, days_late, recorded_at)
                    select m.measure_id, month::date, extract(month from month), s.state,
                           (month + interval '1 month' - interval '1 day')::date, m.deadline_end,
                           case when s.state = 'BEHIND_PACE' then 30 end, case when s.state = 'OVERDUE' then 20 end,
                           month + interval '1 month'
                    from overview_measure m, generate_series(date '2026-01-01', date '%2$s', interval '1 month') as month,
                         lateral (select %1$s[1 + abs(hashtext(m.measure_id || month::text)) %% 12] as state) as s
                    on conflict do nothing""".formatted(states, TODAY.withDayOfMonth(1)));
            statement.execute("""
                    insert into progress_replica_report (report_id, measure_id, revision, period, state, updated_at)
                    select 'benchmark-' || m.measure_id || '-' || to_char(month, 'YYYY-MM'), m.measure_id, 2,
                           to_char(month, 'YYYY-MM'), case when abs(hashtext(m.measure_id || month::text)) %% 9 = 0
                               then 'SUBMITTED' else 'APPROVED' end, now()
                    from overview_measure m, generate_series(date '%s', date '%s', interval '1 month') as month
                    on conflict do nothing""".formatted(FIRST_REPORT_MONTH, TODAY.withDayOfMonth(1)));
            statement.execute("""
                    insert into monthly_report_submission (measure_id, period, department_code, report_id, first_submitted_at)
                    select m.measure_id, to_char(month, 'YYYY-MM'), lead.party_code,
                           'benchmark-' || m.measure_id || '-' || to_char(month, 'YYYY-MM'),
                           month + interval '1 month' + (abs(hashtext(m.measure_id || month::text)) %% 10) * interval '1 day'
                    from overview_measure m
                    join lateral (select a.party_code from overview_assignment a where a.measure_id = m.measure_id
                                  and a.role = 'LEAD' and a.party_kind = 'DEPARTMENT' order by a.party_code limit 1) as lead on true,
                         generate_series(date '%s', date '%s', interval '1 month') as month
                    on conflict do nothing""".formatted(FIRST_REPORT_MONTH, TODAY.withDayOfMonth(1)));
            statement.execute("analyze progress_replica_measure, measure_state_month, progress_replica_report, monthly_report_submission, "
                    + "overview_measure, overview_assignment, catalogue_entity");
            try (ResultSet count = statement.executeQuery("select count(*) from progress_replica_report")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private static String sqlArray(List<String> values) {
        return "array[" + String.join(",", values.stream().map(value -> "'" + value.replace("'", "''") + "'").toList())
                + "]::varchar[]";
    }
}
