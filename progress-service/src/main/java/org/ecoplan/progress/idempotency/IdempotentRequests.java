package org.ecoplan.progress.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} for POSTs: a retry with the same key and body gets the original answer (marked
 * {@code Idempotent-Replayed: true}) and changes nothing; the same key with another body is refused with 422.
 * Only successful answers are kept: a refused request changed nothing, so its retry simply runs again.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyStore store;
    private final Caller caller;
    private final ObjectMapper mapper;

    IdempotentRequests(IdempotencyStore store, Caller caller, ObjectMapper mapper) {
        this.store = store;
        this.caller = caller;
        this.mapper = mapper;
    }

    /**
     * Runs {@code action} once per key; without a key, every call runs it.
     *
     * @param operation what is requested, e.g. {@code POST /reports}: the same key on another operation is a mismatch
     * @param body      the parsed request body (hashed in its canonical JSON form) or the raw bytes
     * @param action    does the work in the caller's transaction and answers; its entity is stored as JSON
     */
    public Response execute(String key, String operation, Object body, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        Outcome outcome = run(HEADER, key, operation, body, action);
        return outcome.response().toResponse(outcome.replayed());
    }

    /** Like {@link #execute}, for a batch item whose client reference is its key; {@code field} names it in problems. */
    public Outcome run(String field, String key, String operation, Object body, Supplier<Response> action) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(field, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        IdempotencyStore.Outcome stored = store.runOnce(caller.name(), key, hash(operation, body),
                () -> keep(action.get()));
        if (stored.bodyMismatch()) {
            throw ProblemException.unprocessable(field + " " + key + " was already used with a different request;"
                    + " use a new key for a new request / 该幂等键已用于其他请求",
                    List.of(new Problem.FieldProblem(field, "already used with a different request body")));
        }
        return new Outcome(stored.response(), stored.replayed());
    }

    public record Outcome(StoredResponse response, boolean replayed) {
    }

    private StoredResponse keep(Response response) {
        Object entity = response.getEntity();
        String body;
        try {
            body = entity == null ? null : entity instanceof String text ? text : mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the answer " + entity.getClass().getSimpleName(), e);
        }
        EntityTag tag = response.getEntityTag();
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        return new StoredResponse(response.getStatus(), body, tag == null ? null : tag.toString(),
                location == null ? null : location.toString());
    }

    private String hash(String operation, Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body instanceof byte[] bytes ? bytes : mapper.writeValueAsBytes(body));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request body", e);
        }
    }
}
