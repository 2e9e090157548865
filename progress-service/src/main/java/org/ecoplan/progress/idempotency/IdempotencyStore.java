package org.ecoplan.progress.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ecoplan.progress.config.ProgressConfig;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Idempotency keys per (caller, key). The key is claimed in the transaction of the action it guards: the
 * action and its stored answer commit together, or neither does and a retry runs the action afresh. A
 * concurrent retry waits on the claimed key and then gets the stored answer.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final EntityManager entityManager;
    private final DataSource dataSource;
    private final ProgressConfig config;

    IdempotencyStore(EntityManager entityManager, DataSource dataSource, ProgressConfig config) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Outcome of a request with a key: the answer, and whether it was replayed or the body did not match. */
    public record Outcome(StoredResponse response, boolean replayed, boolean bodyMismatch) {
    }

    @Transactional
    public Outcome runOnce(String caller, String key, String requestHash, Supplier<StoredResponse> action) {
        // Plain JDBC on the transaction's connection (the pool hands out the one enlisted in it): no automatic flush
        // of the action's entities before each statement, and none of Hibernate's per-query work; both statements
        // run for every filed report. The connection is taken per statement, not held across the action.
        try {
            try (Connection connection = dataSource.getConnection()) {
                if (!claim(connection, caller, key, requestHash)) {
                    return stored(connection, caller, key, requestHash);
                }
            }
            StoredResponse response = action.get();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement keep = connection.prepareStatement("""
                            update idempotency_key set response_status = ?, response_body = ?, response_etag = ?,
                                response_location = ?
                            where caller = ? and idempotency_key = ?""")) {
                keep.setInt(1, response.status());
                keep.setString(2, response.body());
                keep.setString(3, response.etag());
                keep.setString(4, response.location());
                keep.setString(5, caller);
                keep.setString(6, key);
                keep.executeUpdate();
            }
            return new Outcome(response, false, false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep Idempotency-Key " + key + " of " + caller, e);
        }
    }

    /** @return whether this request claimed the key; a concurrent claim is waited for until it commits or rolls back */
    private static boolean claim(Connection connection, String caller, String key, String requestHash) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement("""
                insert into idempotency_key (caller, idempotency_key, request_hash, created_at)
                values (?, ?, ?, now()) on conflict (caller, idempotency_key) do nothing""")) {
            claim.setString(1, caller);
            claim.setString(2, key);
            claim.setString(3, requestHash);
            return claim.executeUpdate() == 1;
        }
    }

    private static Outcome stored(Connection connection, String caller, String key, String requestHash)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select request_hash, response_status, response_body, response_etag, response_location
                from idempotency_key where caller = ? and idempotency_key = ?""")) {
            select.setString(1, caller);
            select.setString(2, key);
            try (ResultSet stored = select.executeQuery()) {
                if (!stored.next()) {
                    throw new IllegalStateException("Idempotency-Key " + key + " of " + caller + " was claimed but is gone");
                }
                if (!requestHash.equals(stored.getString(1))) {
                    return new Outcome(null, false, true);
                }
                Log.debugf("Replayed the answer to %s's request with Idempotency-Key %s", caller, key);
                return new Outcome(new StoredResponse(stored.getInt(2), stored.getString(3), stored.getString(4),
                        stored.getString(5)), true, false);
            }
        }
    }

    /** Keys are kept for the configured retention (7 days): longer than any phone stays offline and retries. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetExpiredKeys() {
        int forgotten = entityManager.createNativeQuery("delete from idempotency_key where created_at < :before")
                .setParameter("before", Timestamp.from(Instant.now().minus(config.idempotency().retention())))
                .executeUpdate();
        if (forgotten > 0) {
            Log.infof("Forgot %d idempotency keys older than %s", forgotten, config.idempotency().retention());
        }
    }

}
