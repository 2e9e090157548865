package org.ecoplan.progress.idempotency;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The answer a request with an Idempotency-Key got, as kept for its retries. */
public record StoredResponse(int status, String body, String etag, String location) {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** @param replayed marks the answer as a repetition of the original, not a new action */
    public Response toResponse(boolean replayed) {
        Response.ResponseBuilder builder = Response.status(status);
        if (body != null) {
            builder.entity(body).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (etag != null) {
            builder.header(HttpHeaders.ETAG, etag);
        }
        if (location != null) {
            builder.header(HttpHeaders.LOCATION, location);
        }
        if (replayed) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
