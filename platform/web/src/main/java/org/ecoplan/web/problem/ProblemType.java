package org.ecoplan.web.problem;

import java.net.URI;

/** The problem kinds EcoPlan answers with; the type URI is stable so that clients can switch on it. */
public enum ProblemType {
    VALIDATION(400, "Invalid request"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    URI_TOO_LONG(414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    UNPROCESSABLE(422, "Unprocessable content"),
    PRECONDITION_REQUIRED(428, "Precondition required"),
    INTERNAL(500, "Internal error"),
    UNAVAILABLE(503, "Service unavailable");

    private static final String BASE = "https://ecoplan.example/problems/";

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + name().toLowerCase().replace('_', '-'));
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : VALIDATION;
    }
}
