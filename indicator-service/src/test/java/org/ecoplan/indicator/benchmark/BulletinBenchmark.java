package org.ecoplan.indicator.benchmark;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.documents.Document;
import org.ecoplan.documents.chart.PngCanvas;
import org.ecoplan.documents.render.DocxRenderer;
import org.ecoplan.documents.render.HtmlRenderer;
import org.ecoplan.documents.render.PdfRenderer;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.bulletin.BulletinFigures;
import org.ecoplan.indicator.bulletin.BulletinService;
import org.ecoplan.indicator.bulletin.BulletinTemplate;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.indicator.overview.MeasureIndex;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A year of monthly bulletins (January to December 2026) in each form, HTML, Word and PDF, over HTTP one after the
 * other, on the seed plan with a delivery state for every measure at every month's end, daily PM2.5 and AQI of 2025
 * and 2026 for the district and its 18 towns, monthly report submissions and about a dozen returned reports a month.
 * Issue 12 asks for a year within 10 s per form. The first year is what the first bulletins after a start cost (fonts
 * read, POI and openhtmltopdf loaded); the second and third are the steady state. Not part of the suite:
 * {@code mvn -B -pl indicator-service -am verify -Pbenchmark -Dtest=BulletinBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Writes {@code indicator-service/target/benchmarks/bulletins.md}.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@Tag("benchmark")
class BulletinBenchmark {

    private static final int YEAR = 2026;
    private static final LocalDate TODAY = LocalDate.of(2027, 1, 10);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final List<String> FORMS = List.of("html", "docx", "pdf");

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
    BulletinService bulletins;

    @Test
    void aYearOfBulletinsInEachForm() throws Exception {
        clock.setTo(TODAY, 10);
        AppFixture.seedCatalogueReplicated();
        await().atMost(Duration.ofSeconds(60)).until(() -> replica.count(MeasureState.class) >= SeedCatalogue.measures().size());
        measureIndex.catchUp();
        load();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        StringBuilder table = new StringBuilder("| round | form | year (12 months) | fastest month | slowest month | service JVM CPU | mean size |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        String loadBefore = loadAverage();
        List<String> summary = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (String form : FORMS) {
                long total = 0;
                long fastest = Long.MAX_VALUE;
                long slowest = 0;
                long bytes = 0;
                long cpuStart = PROCESS.getProcessCpuTime();
                for (int month = 1; month <= 12; month++) {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("bulletins/" + YearMonth.of(YEAR, month)
                            + "?district=%E5%BB%B6%E5%BA%86%E5%8C%BA&format=" + form)).timeout(Duration.ofMinutes(2)).GET().build();
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - start;
                    assertEquals(200, response.statusCode(), () -> new String(response.body()));
                    assertTrue(response.body().length > 10_000, form + " " + month + " has a body");
                    total += took;
                    fastest = Math.min(fastest, took);
                    slowest = Math.max(slowest, took);
                    bytes += response.body().length;
                }
                long cpu = PROCESS.getProcessCpuTime() - cpuStart;
                table.append(String.format(Locale.ROOT, "| %d%s | %s | %.2f s | %.2f s | %.2f s | %.2f s | %,d KB |%n", round,
                        round == 1 ? " (first after start)" : "", form, total / 1e9, fastest / 1e9, slowest / 1e9,
                        cpu / 1e9, bytes / 12 / 1024));
                if (round == ROUNDS) {
                    summary.add(String.format(Locale.ROOT, "%s %.1f s", form, total / 1e9));
                }
            }
        }
        String parts = breakdown();
        String report = "# A year of monthly bulletins\n\n" + "Measured " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors()
                + " cores; load average before " + loadBefore + ", after " + loadAverage() + "; JVM "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " "
                + ManagementFactory.getRuntimeMXBean().getInputArguments() + ".\n\n"
                + "The seed plan (212 measures, a delivery state at every month's end of 2026), daily PM2.5/AQI of 2025-2026 "
                + "for 19 areas, about a dozen returned reports a month; bulletins of 延庆区 for January to December 2026, "
                + "one request after the other over HTTP. Wall times grow with the machine's load; the JVM's CPU time much less "
                + "(the SQL's share runs in PostgreSQL, outside it).\n\n" + table + "\nLast round: " + String.join(", ", summary) + ".\n\n"
                + "Where the time goes (the same twelve months once more, in the test's JVM without HTTP):\n\n" + parts;
        Path file = Path.of("target/benchmarks/bulletins.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
    }

    /**
     * The year once more, each step timed on its own, as wall time and as this thread's CPU time (the CPU time does
     * not grow with the other work on the machine; the figures' SQL runs mostly in PostgreSQL, outside it).
     */
    private String breakdown() throws IOException {
        String[] steps = {"figures (SQL, one transaction per month)", "template", "HTML renderer", "Word renderer",
            "PDF renderer", "of which: the four charts drawn (Java2D, 2x)", "of which: the four charts encoded as PNG"};
        long[] wall = new long[steps.length];
        long[] cpu = new long[steps.length];
        for (int month = 1; month <= 12; month++) {
            int m = month;
            BulletinFigures[] found = new BulletinFigures[1];
            Document[] document = new Document[1];
            List<java.awt.image.BufferedImage> images = new ArrayList<>();
            timed(0, wall, cpu, () -> found[0] = bulletins.figures(YearMonth.of(YEAR, m), "延庆区", null));
            timed(1, wall, cpu, () -> document[0] = BulletinTemplate.document(found[0], clock.zone()));
            timed(2, wall, cpu, () -> HtmlRenderer.html(document[0], false));
            timed(3, wall, cpu, () -> DocxRenderer.docx(document[0]));
            timed(4, wall, cpu, () -> PdfRenderer.pdf(document[0]));
            timed(5, wall, cpu, () -> document[0].blocks().stream().filter(Document.ChartBlock.class::isInstance)
                    .forEach(block -> images.add(PngCanvas.draw(((Document.ChartBlock) block).chart()))));
            timed(6, wall, cpu, () -> images.forEach(PngCanvas::encode));
        }
        StringBuilder table = new StringBuilder("| step | 12 months, wall | 12 months, CPU |\n|---|---:|---:|\n");
        for (int i = 0; i < steps.length; i++) {
            table.append(String.format(Locale.ROOT, "| %s | %.2f s | %.2f s |%n", steps[i], wall[i] / 1e9, cpu[i] / 1e9));
        }
        // What every PDF paid before the parsed font was kept: the font parsed (twice, once per weight).
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < 5; i++) {
            new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(
                    org.ecoplan.documents.chart.ChartFonts.bytes())).close();
        }
        table.append(String.format(Locale.ROOT, "| (for comparison) parsing the CJK font once | %.2f s | %.2f s |%n",
                (System.nanoTime() - start) / 5e9, (THREADS.getCurrentThreadCpuTime() - startCpu) / 5e9));
        return table.toString();
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The whole JVM's CPU time (client and service share it here; the client's part is small). */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static void timed(int step, long[] wall, long[] cpu, Runnable work) {
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        work.run();
        cpu[step] += THREADS.getCurrentThreadCpuTime() - startCpu;
        wall[step] += System.nanoTime() - start;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Month-end states, report submissions and returns for every measure and month of 2026; two years of air data. */
    private void load() throws SQLException {
        String areas = "array[" + String.join(",", Area.ALL.stream().map(area -> "'" + area.code() + "'").toList()) + "]::varchar[]";
        String states = "(array['NOT_DUE','ON_TRACK','ON_TRACK','ON_TRACK','ON_TRACK','BEHIND_PACE','BEHIND_PACE','AT_RISK',"
                + "'OVERDUE','COMPLETED_ON_TIME','COMPLETED_ON_TIME','COMPLETED_LATE'])";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into observation (id, series, area, period_type, period_start, value, valid, hours, source,
                        entered_at, entered_by, current)
                    select gen_random_uuid(), metric, area, 'DAY', day::date,
                           round(((case metric when 'AQI_DAILY' then 1.4 else 1 end)
                               * (32 + 18 * cos(2 * pi() * (extract(doy from day) - 15) / 365.0) + random() * 25))::numeric, 1),
                           true, 24, 'benchmark', day + interval '1 day', 'benchmark', true
                    from unnest(%s) as area, unnest(array['PM25_DAILY', 'AQI_DAILY']) as metric,
                         generate_series(date '2025-01-01', date '2026-12-31', interval '1 day') as day
                    on conflict do nothing""".formatted(areas));
            statement.execute("""
                    insert into measure_state_month (measure_id, month_start, sequence, delivery_state, assessed_on,
                        window_end, pace_gap, days_late, recorded_at)
                    select m.measure_id, month::date, extract(month from month), s.state,
                           (month + interval '1 month' - interval '1 day')::date, m.deadline_end,
                           case when s.state = 'BEHIND_PACE' then 30 end, case when s.state = 'OVERDUE' then 20 end,
                           month + interval '1 month'
                    from overview_measure m, generate_series(date '2026-01-01', date '2026-12-01', interval '1 month') as month,
                         lateral (select %s[1 + abs(hashtext(m.measure_id || month::text)) %% 12] as state) as s
                    on conflict do nothing""".formatted(states));
            statement.execute("""
                    insert into monthly_report_submission (measure_id, period, department_code, report_id, first_submitted_at)
                    select m.measure_id, to_char(month, 'YYYY-MM'), lead.party_code,
                           'benchmark-' || m.measure_id || '-' || to_char(month, 'YYYY-MM'),
                           month + interval '1 month' + (abs(hashtext(m.measure_id || month::text)) % 10) * interval '1 day'
                    from overview_measure m
                    join lateral (select a.party_code from overview_assignment a where a.measure_id = m.measure_id
                                  and a.role = 'LEAD' and a.party_kind = 'DEPARTMENT' order by a.party_code limit 1) as lead on true,
                         generate_series(date '2026-01-01', date '2026-12-01', interval '1 month') as month
                    on conflict do nothing""");
            statement.execute("""
                    insert into report_return (report_id, report_revision, measure_id, period, department_code, returned_at,
                        reason, recorded_at)
                    select 'benchmark-' || m.measure_id || '-' || to_char(month, 'YYYY-MM'), 2, m.measure_id,
                           to_char(month - interval '1 month', 'YYYY-MM'), lead.party_code,
                           month + interval '6 days' + (abs(hashtext(m.measure_id)) % 20) * interval '1 day',
                           '报告内容与台账不符，请核实后重新报送',
                           month + interval '6 days 1 hour' + (abs(hashtext(m.measure_id)) % 20) * interval '1 day'
                    from overview_measure m
                    join lateral (select a.party_code from overview_assignment a where a.measure_id = m.measure_id
                                  and a.role = 'LEAD' and a.party_kind = 'DEPARTMENT' order by a.party_code limit 1) as lead on true,
                         generate_series(date '2026-01-01', date '2026-12-01', interval '1 month') as month
                    where abs(hashtext(m.measure_id || month::text)) % 16 = 0
                    on conflict do nothing""");
            statement.execute("analyze observation, measure_state_month, monthly_report_submission, report_return");
        }
    }
}
