package org.ecoplan.web.openapi;

/**
 * Names of the HTTP headers EcoPlan documents once, as {@code components/headers} and
 * {@code components/parameters} of every service's OpenAPI document ({@link ContractFilter} adds them). A
 * resource refers to a response header by name, e.g.
 * {@code @APIResponse(responseCode = "200", headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))};
 * the filter derives the rest (If-None-Match and 304 from a documented ETag, Idempotent-Replayed from an
 * Idempotency-Key parameter, 412 and 428 from an If-Match parameter).
 */
public final class ApiHeaders {

    /** Response: the entity tag (a revision, a SHA-256, or a weak hash of a list). */
    public static final String ETAG = "ETag";
    /** Response: where a created resource lives. */
    public static final String LOCATION = "Location";
    /** Request: the client's key that makes a POST safe to retry. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Response: {@code true} when the answer is the stored one of an earlier request with the same key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    /** Request: the ETag a write is based on. */
    public static final String IF_MATCH = "If-Match";
    /** Request: the ETag the client holds; 304 while it is current. */
    public static final String IF_NONE_MATCH = "If-None-Match";
    /** Response: {@code sha-256=<base64>} of a downloaded file. */
    public static final String DIGEST = "Digest";
    /** Response: how many seconds to wait before retrying (503). */
    public static final String RETRY_AFTER = "Retry-After";
    /** Response: the download's file name. */
    public static final String CONTENT_DISPOSITION = "Content-Disposition";

    private ApiHeaders() {
    }
}
