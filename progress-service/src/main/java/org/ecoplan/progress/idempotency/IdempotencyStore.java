package org.ecoplan.progress.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Supplier;

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
    private final ProgressConfig config;

    IdempotencyStore(EntityManager entityManager, ProgressConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** Outcome of a request with a key: the answer, and whether it was replayed or the body did not match. */
    public record Outcome(StoredResponse response, boolean replayed, boolean bodyMismatch) {
    }

    @Transactional
    public Outcome runOnce(String caller, String key, String requestHash, Supplier<StoredResponse> action) {
        int claimed = entityManager.createNativeQuery("""
                insert into idempotency_key (caller, idempotency_key, request_hash, created_at)
                values (:caller, :key, :hash, now()) on conflict (caller, idempotency_key) do nothing""")
                .setParameter("caller", caller).setParameter("key", key).setParameter("hash", requestHash)
                .executeUpdate();
        if (claimed == 0) {
            Object[] stored = (Object[]) entityManager.createNativeQuery("""
                    select request_hash, response_status, response_body, response_etag, response_location
                    from idempotency_key where caller = :caller and idempotency_key = :key""")
                    .setParameter("caller", caller).setParameter("key", key).getSingleResult();
            if (!requestHash.equals(stored[0])) {
                return new Outcome(null, false, true);
            }
            Log.debugf("Replayed the answer to %s's request with Idempotency-Key %s", caller, key);
            return new Outcome(new StoredResponse(((Number) stored[1]).intValue(), (String) stored[2],
                    (String) stored[3], (String) stored[4]), true, false);
        }
        StoredResponse response = action.get();
        entityManager.createNativeQuery("""
                update idempotency_key set response_status = :status, response_body = :body, response_etag = :etag,
                    response_location = :location
                where caller = :caller and idempotency_key = :key""")
                .setParameter("status", response.status()).setParameter("body", response.body())
                .setParameter("etag", response.etag()).setParameter("location", response.location())
                .setParameter("caller", caller).setParameter("key", key).executeUpdate();
        return new Outcome(response, false, false);
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
