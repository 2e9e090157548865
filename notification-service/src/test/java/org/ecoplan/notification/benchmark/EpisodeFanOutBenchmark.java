package org.ecoplan.notification.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.ReadLatency;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A red warning fanned out to 60 member units, read by 300 people (five per unit, each polling the unit's inbox every
 * 100 ms on 16 client threads): the time from plan-service's event on the topic to each person seeing the duty
 * message, over {@code benchmark.warnings} (5) warnings of fresh units. Not part of the suite:
 * {@code mvn -B -pl notification-service -am verify -Pbenchmark -Dtest=EpisodeFanOutBenchmark}. Writes
 * {@code notification-service/target/benchmarks/episode-fanout.md}; asserts only that everybody saw the message.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@Tag("benchmark")
class EpisodeFanOutBenchmark {

    private static final int WARNINGS = Integer.getInteger("benchmark.warnings", 5);
    private static final int UNITS = 60;
    private static final int PEOPLE_PER_UNIT = 5;
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    /** Below the service's admission limit (24 requests at once), as a phone app's refreshes would spread out. */
    private static final int CLIENT_THREADS = 16;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aRedWarningReachesThreeHundredPeopleQuickly() throws Exception {
        List<Double> seen = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            for (int warning = 0; warning <= WARNINGS; warning++) {
                (warning == 0 ? warm : seen).addAll(fanOut(readers));
            }
        } finally {
            readers.shutdownNow();
        }
        double[] millis = seen.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String report = "# A red warning to 60 units, 300 readers\n\n" + WARNINGS + " warnings after one warm-up, each to 60 fresh member "
                + "units with 3 duties, read by 5 people per unit polling `GET /inbox/messages?box=DEPARTMENT&subject=<episode>` "
                + "every 100 ms, on 16 client threads (a person whose turn has not come waits for a free thread, so the "
                + "tail includes serving all 300 reads); time from the event's send to each person's first answer holding the message. "
                + "Broker, PostgreSQL, service and readers on the same machine.\n\n"
                + "| readers | p50 ms | p95 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|\n"
                + String.format("| %d | %.0f | %.0f | %.0f | %.0f |%n", millis.length, ReadLatency.percentile(millis, 50),
                        ReadLatency.percentile(millis, 95), ReadLatency.percentile(millis, 99), millis[millis.length - 1]);
        System.out.println(report);
        Path file = Path.of("target/benchmarks/episode-fanout.md");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
    }

    /** @return each reader's delay in ms */
    private List<Double> fanOut(ExecutorService readers) throws Exception {
        String episodeId = UUID.randomUUID().toString();
        String prefix = "FAN" + episodeId.substring(0, 6).toUpperCase() + "-";
        List<EpisodeState.MemberDuties> members = new ArrayList<>();
        for (int unit = 1; unit <= UNITS; unit++) {
            members.add(new EpisodeState.MemberDuties(prefix + unit, "成员单位" + unit, List.of(
                    new EpisodeState.Duty(WarningLevel.YELLOW, "停止土石方作业", List.of("检查工地数", "停工工地数")),
                    new EpisodeState.Duty(WarningLevel.ORANGE, "重型柴油货车禁止上路", List.of("查处车辆数")),
                    new EpisodeState.Duty(WarningLevel.RED, "加大道路冲洗频次", List.of("冲洗道路公里数")))));
        }
        Instant start = Instant.now();
        EpisodeState red = new EpisodeState(episodeId, 1, EpisodeEvents.ACTIVATED.name(), WarningLevel.RED,
                WarningLevel.RED.chineseName(), null, "CITY", "预计出现严重污染过程", start, start.plus(Duration.ofDays(3)), null,
                start, "city-aqi-system", 1, members);
        // Set just before the send; a reader only finds the message after it, so it always reads the set value.
        long[] sentAt = new long[1];
        List<Callable<Double>> people = new ArrayList<>();
        for (int unit = 1; unit <= UNITS; unit++) {
            for (int person = 1; person <= PEOPLE_PER_UNIT; person++) {
                String token = "Bearer " + Tokens.token(Set.of("reporter"), prefix + unit, "person-" + unit + "-" + person);
                HttpRequest poll = HttpRequest.newBuilder(base.resolve("inbox/messages?box=DEPARTMENT&subject=" + episodeId))
                        .header("Authorization", token).GET().build();
                people.add(() -> firstSeen(poll, sentAt));
            }
        }
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            List<Future<Double>> waits = new ArrayList<>();
            for (Callable<Double> person : people) {
                waits.add(readers.submit(person));
            }
            sentAt[0] = System.nanoTime();
            writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, episodeId, EpisodeEvents.ACTIVATED.eventType(), red);
            List<Double> delays = new ArrayList<>();
            for (Future<Double> wait : waits) {
                delays.add(wait.get());
            }
            return delays;
        }
    }

    private double firstSeen(HttpRequest poll, long[] sentAt) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = client.send(poll, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 503) {
                // At the admission limit: retry after the Retry-After second, as the app does; it counts in the delay.
                Thread.sleep(1000);
                continue;
            }
            if (answer.statusCode() != 200) {
                throw new AssertionError(poll.uri() + " answered " + answer.statusCode() + ": " + answer.body());
            }
            if (!answer.body().contains("\"totalItems\":0")) {
                return (System.nanoTime() - sentAt[0]) / 1e6;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the duty message did not reach " + poll.uri() + " within " + GIVE_UP);
    }
}
