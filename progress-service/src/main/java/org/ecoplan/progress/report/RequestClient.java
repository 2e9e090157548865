package org.ecoplan.progress.report;

import jakarta.enterprise.context.RequestScoped;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client a request came from, written into every report action: its User-Agent and the optional
 * {@code X-Client-Id} a mobile app sends to name the installation (so support can tell two phones apart).
 */
@RequestScoped
public class RequestClient {

    public static final String CLIENT_ID_HEADER = "X-Client-Id";

    private final HttpServerRequest request;

    RequestClient(HttpServerRequest request) {
        this.request = request;
    }

    public String userAgent() {
        return truncated(request.getHeader("User-Agent"), 500);
    }

    public String clientId() {
        return truncated(request.getHeader(CLIENT_ID_HEADER), 200);
    }

    private static String truncated(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
