package org.ecoplan.web.http;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ecoplan.web.input.PercentEncoding;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What is refused before any endpoint runs, answered as problem+json like every other refusal: a URL longer
 * than {@code ecoplan.http.max-url-length} (414), a body declared larger than
 * {@code quarkus.http.limits.max-body-size} (413; Quarkus' own check would answer without a body), a path or
 * query that is not percent-encoded UTF-8 (400: decoded leniently it would silently become U+FFFD), and a
 * body without a Content-Type (415). A header with a NUL or another control character never gets here: the
 * HTTP server's decoder refuses it.
 *
 * <p>The HTTP server itself answers a request line longer than its own limit with a bare 414 before any
 * application code; that limit is raised to {@link #SERVER_LINE_LIMIT}, so every URL up to it gets the problem
 * answer, and only a request line beyond it still gets the server's bare one.
 */
@ApplicationScoped
public class HttpEdge implements HttpServerOptionsCustomizer {

    /** Runs before Quarkus' own body-size check ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT} = -2). */
    static final int ROUTE_ORDER = -3;
    static final int SERVER_LINE_LIMIT = 64 * 1024;

    private final int maxUrlLength;
    private final Optional<MemorySize> maxBodySize;
    private final ObjectMapper mapper;

    HttpEdge(@ConfigProperty(name = "ecoplan.http.max-url-length", defaultValue = "8192") int maxUrlLength,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            ObjectMapper mapper) {
        this.maxUrlLength = Math.min(maxUrlLength, SERVER_LINE_LIMIT - 64);
        this.maxBodySize = maxBodySize;
        this.mapper = mapper;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setMaxInitialLineLength(Math.max(options.getMaxInitialLineLength(), SERVER_LINE_LIMIT));
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::check);
        router.route().order(ROUTE_ORDER).failureHandler(this::failed);
    }

    /**
     * A request the router itself refused before any endpoint (a path or query it cannot decode, say) gets a
     * problem too, not an empty answer. Failures with a cause (500) are left to Quarkus' error handling.
     */
    private void failed(RoutingContext context) {
        int status = context.statusCode();
        if (status < 400 || status >= 500 || context.response().ended() || context.response().headWritten()) {
            context.next();
            return;
        }
        ProblemType type = ProblemType.forStatus(status);
        List<Problem.FieldProblem> errors = List.of();
        String detail = type.title();
        if (status == 400) {
            Problem.FieldProblem badEncoding = badEncoding(context.request().uri());
            errors = List.of(badEncoding != null ? badEncoding
                    : new Problem.FieldProblem("request", "the request cannot be read / 请求无法解析"));
            detail = errors.get(0).field() + ": " + errors.get(0).message();
        }
        refuse(context, type, status, detail, errors, false);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String uri = request.uri();
        if (uri.length() > maxUrlLength) {
            refuse(context, ProblemType.URI_TOO_LONG, "the URL has " + uri.length() + " characters; at most "
                    + maxUrlLength + " are accepted / URL过长", List.of(), true);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && maxBodySize.isPresent()) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(context, ProblemType.VALIDATION, "Content-Length is not a number / Content-Length无效",
                        List.of(new Problem.FieldProblem("Content-Length", "must be a number of bytes")), true);
                return;
            }
            long limit = maxBodySize.get().asLongValue();
            if (declared > limit) {
                refuse(context, ProblemType.PAYLOAD_TOO_LARGE, "the body has " + declared + " bytes; at most " + limit
                        + " are accepted / 请求体过大", List.of(new Problem.FieldProblem("body", "larger than " + limit + " bytes")), true);
                return;
            }
        }
        boolean hasBody = length != null ? !length.trim().equals("0") : request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (hasBody && request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
            // Without a type a body could be read as anything; every endpoint that takes one declares its types.
            refuse(context, ProblemType.UNSUPPORTED_MEDIA_TYPE, "a request body needs a Content-Type / 请求体须声明Content-Type",
                    List.of(new Problem.FieldProblem("Content-Type", "is required with a body")), false);
            return;
        }
        Problem.FieldProblem badEncoding = badEncoding(uri);
        if (badEncoding != null) {
            refuse(context, ProblemType.VALIDATION, badEncoding.field() + ": " + badEncoding.message(),
                    List.of(badEncoding), false);
            return;
        }
        context.next();
    }

    /** The first part of the URL that is not percent-encoded UTF-8, named as the client sees it. */
    static Problem.FieldProblem badEncoding(String uri) {
        int queryStart = uri.indexOf('?');
        String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        int fragment = path.indexOf('#');
        if (fragment >= 0) {
            path = path.substring(0, fragment);
        }
        if (decode(path) == null) {
            return new Problem.FieldProblem("path", "is not percent-encoded UTF-8 / 路径编码无效");
        }
        if (queryStart < 0) {
            return null;
        }
        String query = uri.substring(queryStart + 1);
        int end = query.indexOf('#');
        if (end >= 0) {
            query = query.substring(0, end);
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null) {
                return new Problem.FieldProblem("query", "a parameter name is not percent-encoded UTF-8 / 参数名编码无效");
            }
            if (equals >= 0 && decode(pair.substring(equals + 1)) == null) {
                return new Problem.FieldProblem(name, "is not percent-encoded UTF-8 / 参数编码无效");
            }
        }
        return null;
    }

    private static String decode(String encoded) {
        return PercentEncoding.decode(encoded).orElse(null);
    }

    private void refuse(RoutingContext context, ProblemType type, String detail, List<Problem.FieldProblem> errors,
            boolean closeConnection) {
        refuse(context, type, type.status(), detail, errors, closeConnection);
    }

    private void refuse(RoutingContext context, ProblemType type, int status, String detail,
            List<Problem.FieldProblem> errors, boolean closeConnection) {
        String path = context.request().path();
        String instance = path == null || path.length() > 200 ? null : path;
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new Problem(type.uri(), type.title(), status, detail, instance, errors));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
        var response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (closeConnection) {
            // The body (or the rest of the URL) was not read: the connection cannot carry another request.
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(ignored -> context.request().connection().close());
        }
        response.end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
