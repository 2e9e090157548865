package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The change feed never skips a change that commits late. Writers take their positions as the service does
 * ({@code take_report_change_position()}) and then hold their transactions open for a random while, so positions
 * commit out of order (and some roll back); a reader pages the feed the whole time, as a phone would. Read with a
 * plain {@code change_seq > cursor}, this loses changes: the reader moves past a position that commits later.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ChangeFeedConcurrencyTest extends ProgressTestSupport {

    private static final String DEPARTMENT = "FEED-RACE";
    private static final int WRITERS = 8;
    private static final int REPORTS_PER_WRITER = 30;

    @Inject
    DataSource dataSource;

    @Test
    void aReaderPagingWhileWritersCommitOutOfOrderSeesEveryChangeOnceInOrder() throws Exception {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            done.add(writers.submit(() -> {
                for (int i = 0; i < REPORTS_PER_WRITER; i++) {
                    writeOne(committed);
                }
                return null;
            }));
        }

        List<String> seen = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        long cursor = 0;
        Thread watcher = new Thread(() -> {
            try {
                done.forEach(ChangeFeedConcurrencyTest::join);
            } finally {
                writing.set(false);
            }
        });
        watcher.start();
        boolean lastRound = false;
        while (true) {
            boolean finished = !writing.get();
            JsonPath page = as(SUPERVISOR).queryParam("since", cursor).queryParam("department", DEPARTMENT)
                    .queryParam("size", 7).get("/reports/changes").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            positions.addAll(page.getList("items.changeSeq", Long.class));
            cursor = page.getLong("nextCursor");
            if (!page.getBoolean("hasMore")) {
                if (lastRound) {
                    break;
                }
                // One more full pass after the last writer committed: then everything must have been read.
                lastRound = finished;
            }
        }
        writers.shutdown();
        for (Future<?> writer : done) {
            writer.get();
        }

        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(committed);
        assertThat(committed).hasSizeGreaterThan(WRITERS * REPORTS_PER_WRITER / 2);
    }

    /** One report written as the service writes it, committed after a random pause, or now and then rolled back. */
    private void writeOne(Set<String> committed) throws SQLException, InterruptedException {
        UUID id = UUID.randomUUID();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement("""
                    insert into progress_report (id, measure_id, department_code, department_role, reporter, kind, state,
                        status, percent_complete, narrative, measured_values, created_at, updated_at, revision, change_seq)
                    values (?, 'feed-race-measure', ?, 'LEAD', 'feed.race', 'AD_HOC', 'DRAFT', 'ON_TRACK', 10, '',
                        '[]'::jsonb, now(), now(), 1, take_report_change_position())""")) {
                insert.setObject(1, id);
                insert.setString(2, DEPARTMENT);
                insert.executeUpdate();
            }
            Thread.sleep(random.nextInt(40));
            if (random.nextInt(10) == 0) {
                connection.rollback();
            } else {
                connection.commit();
                committed.add(id.toString());
            }
        }
    }

    private static void join(Future<?> future) {
        try {
            future.get(Duration.ofMinutes(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a writer failed", e);
        }
    }
}
