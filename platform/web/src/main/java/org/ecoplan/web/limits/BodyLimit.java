package org.ecoplan.web.limits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body ({@code Content-Length}) exceeds {@code quarkus.http.limits.max-body-size}
 * with a 413 {@code application/problem+json}, like every other refusal, before a byte of the body is read. Quarkus
 * itself answers such a request with an empty 413 (route order -2); this route runs just before it. A chunked body
 * without a length that grows past the limit is still cut off by the server with a bare 413.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before Quarkus' own body-size route (order -2). */
    static final int ROUTE_ORDER = -3;

    private final Optional<MemorySize> limit;
    private final ObjectMapper mapper;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ObjectMapper mapper) {
        this.limit = limit;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        if (limit.isPresent()) {
            long bytes = limit.get().asLongValue();
            router.route().order(ROUTE_ORDER).handler(context -> check(context, bytes));
        }
    }

    private void check(RoutingContext context, long bytes) {
        String declared = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP codec refuses a malformed length itself
        }
        if (length <= bytes) {
            context.next();
            return;
        }
        ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
        Problem problem = new Problem(type.uri(), type.title(), type.status(),
                "the body has " + length + " bytes; at most " + bytes + " are accepted / 请求体过大，最多" + bytes + "字节",
                context.request().path(), List.of(new Problem.FieldProblem("body", "larger than " + bytes + " bytes")));
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
        // The client may still be sending: close the connection after the answer instead of reading it all.
        context.response().endHandler(ended -> context.request().connection().close());
        context.response().setStatusCode(type.status()).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close").end(body);
    }
}
