package org.ecoplan.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ecoplan.web.database.DatabaseFailures;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become {@code application/problem+json}. Nothing here tells a client a Java
 * class name: unexpected failures answer 500 with a reference that is also logged, so support can find it.
 */
public class ProblemMappers {

    /** How long a client should wait after a 503 while the database is away: a PostgreSQL restart takes seconds. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException exception, UriInfo uri) {
        return respond(exception.type(), exception.getMessage(), exception.errors(), uri);
    }

    @ServerExceptionMapper
    public Response resourceValidation(ResteasyReactiveViolationException exception, UriInfo uri) {
        return constraintViolation(exception, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException exception, UriInfo uri) {
        Set<ConstraintViolation<?>> violations = exception.getConstraintViolations();
        if (violations.stream().anyMatch(ProblemMappers::isReturnValue)) {
            // A response that breaks its own contract is our bug, not the client's.
            return unexpected(exception, uri);
        }
        List<Problem.FieldProblem> errors = violations.stream()
                .map(v -> new Problem.FieldProblem(fieldName(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldProblem::field))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return respond(ProblemType.VALIDATION, detail, errors, uri);
    }

    // Quarkus ships mappers for these Jackson subclasses; naming them here makes ours the closer match.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException exception, UriInfo uri) {
        return unreadableJson(exception, uri);
    }

    @ServerExceptionMapper
    public Response invalidJsonValue(InvalidFormatException exception, UriInfo uri) {
        return unreadableJson(exception, uri);
    }

    @ServerExceptionMapper
    public Response unknownJsonField(UnrecognizedPropertyException exception, UriInfo uri) {
        return unreadableJson(exception, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException exception, UriInfo uri) {
        Problem.FieldProblem error = JsonProblems.describe(exception);
        return respond(ProblemType.VALIDATION, error.field() + ": " + error.message(), List.of(error), uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException exception, UriInfo uri) {
        return respond(ProblemType.UNAUTHENTICATED, "a valid bearer token is required / 需要有效的令牌", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException exception, UriInfo uri) {
        return respond(ProblemType.UNAUTHENTICATED, "the bearer token was rejected / 令牌无效", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, UriInfo uri) {
        String detail = exception.getMessage() == null || exception.getMessage().isBlank()
                ? "your role does not allow this operation / 当前角色无权执行此操作"
                : exception.getMessage();
        return respond(ProblemType.FORBIDDEN, detail, List.of(), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, UriInfo uri) {
        if (exception.getCause() instanceof ProblemException problem) {
            // A parameter converter's refusal, wrapped by the framework (as 404 for path and query parameters).
            return problem(problem, uri);
        }
        if (exception.getCause() instanceof JsonProcessingException json) {
            // A body the JSON reader could not read, wrapped by the framework as a bare 400.
            return unreadableJson(json, uri);
        }
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(exception, uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = exception.getMessage() == null ? type.title() : exception.getMessage();
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), status, detail, path(uri), List.of()));
        // Keep headers such as Allow (405) that the framework set on the original response.
        exception.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable exception, UriInfo uri) {
        if (DatabaseFailures.isUnavailable(exception)) {
            return databaseUnavailable(exception, uri);
        }
        if (exception instanceof java.io.IOException && "Request too large".equals(exception.getMessage())) {
            // A streamed (chunked) body went past quarkus.http.limits.max-body-size while being read: Quarkus has
            // already answered 413 and closed the connection. The client's doing, not ours.
            Log.debugf("Body too large on %s", path(uri));
            return respond(ProblemType.PAYLOAD_TOO_LARGE, "the body is larger than accepted / 请求体过大", List.of(), uri);
        }
        String reference = UUID.randomUUID().toString();
        Log.errorf(exception, "Unexpected failure on %s (reference %s)", path(uri), reference);
        return respond(ProblemType.INTERNAL,
                "unexpected error, reference " + reference + " / 系统内部错误，参考编号 " + reference, List.of(), uri);
    }

    /** PostgreSQL is away (restarting, unreachable, no free connection): the client may retry, it is not our bug. */
    private static Response databaseUnavailable(Throwable exception, UriInfo uri) {
        Log.warnf("Database unavailable on %s, answered 503: %s", path(uri), exception.getMessage());
        ProblemType type = ProblemType.UNAVAILABLE;
        return Response.status(type.status()).type(Problem.MEDIA_TYPE)
                .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
                .entity(new Problem(type.uri(), type.title(), type.status(),
                        "the database is unavailable, retry in a few seconds / 数据库暂时不可用，请稍后重试", path(uri), List.of()))
                .build();
    }

    private static Response respond(ProblemType type, String detail, List<Problem.FieldProblem> errors, UriInfo uri) {
        return Response.status(type.status()).type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), type.status(), detail, path(uri), errors))
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** Names the field as the client sent it: drops the Java method and parameter nodes of the path. */
    static String fieldName(Path path) {
        StringBuilder name = new StringBuilder();
        String parameterName = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> {
                }
                case PARAMETER -> parameterName = node.getName();
                default -> {
                    // A node inside a list or map carries the position in its container, which belongs to
                    // the container's name: measuredValues[0].unit, memberCodes[1].
                    if (node.isInIterable()) {
                        Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                        if (position != null) {
                            name.append('[').append(position).append(']');
                        }
                    }
                    if (node.getName() == null || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                        break;
                    }
                    if (!name.isEmpty()) {
                        name.append('.');
                    }
                    name.append(node.getName());
                }
            }
        }
        // A violation on a query or path parameter itself has no property nodes: name the parameter.
        return name.isEmpty() && parameterName != null ? parameterName : name.toString();
    }
}
