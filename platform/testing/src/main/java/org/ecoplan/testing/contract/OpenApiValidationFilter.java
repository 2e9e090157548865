package org.ecoplan.testing.contract;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every request a test sends to the service under test, and its answer, against the service's own
 * OpenAPI document ({@code /q/openapi}), with Atlassian's swagger-request-validator. An answer that the document
 * does not describe (an undocumented status, a missing required field, a null where none is allowed, an
 * undocumented media type) fails the test, whichever assertion the test itself makes. A request that breaks the
 * document fails the test only when the service accepted it (2xx/3xx): tests send bad requests on purpose, and
 * a refusal is then the documented behaviour.
 * <p>
 * Installed for every {@code @QuarkusTest} of a module that depends on ecoplan-testing, by
 * {@link OpenApiValidationCallback}. Requests to other ports (a local webhook receiver) and to {@code /q/…}
 * (health, metrics, the document itself) are not checked.
 */
public final class OpenApiValidationFilter implements OrderedFilter {

    static final OpenApiValidationFilter INSTANCE = new OpenApiValidationFilter();

    private static final ThreadLocal<Boolean> INVALID_REQUESTS_ALLOWED = ThreadLocal.withInitial(() -> false);

    /** One validator per running application (the test port changes when Quarkus restarts it). */
    private final Map<Integer, OpenApiInteractionValidator> validators = new ConcurrentHashMap<>();

    private OpenApiValidationFilter() {
    }

    /**
     * Runs {@code exchange}, whose request breaks the document on purpose although the service accepts it (a batch
     * answers a bad item with that item's problem and 200 for the call). Its answer is still checked.
     */
    public static <T> T allowingInvalidRequests(java.util.function.Supplier<T> exchange) {
        INVALID_REQUESTS_ALLOWED.set(true);
        try {
            return exchange.get();
        } finally {
            INVALID_REQUESTS_ALLOWED.set(false);
        }
    }

    @Override
    public int getOrder() {
        // After every other filter: validate what was really sent and received.
        return OrderedFilter.LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (uri.getPath().startsWith("/q/") || uri.getPort() != io.restassured.RestAssured.port) {
            return response;
        }
        OpenApiInteractionValidator validator = validators.computeIfAbsent(uri.getPort(), port -> validator(uri));
        ValidationReport report = validator.validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
        int status = response.statusCode();
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                // A refused request is allowed to break the document: refusing it is what the document says.
                .filter(message -> !message.getKey().startsWith("validation.request")
                        || status < 400 && !INVALID_REQUESTS_ALLOWED.get())
                // A path the document does not know, answered 404, is the framework's correct answer.
                .filter(message -> !(message.getKey().equals("validation.request.path.missing") && status == 404))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("The exchange does not match the service's OpenAPI document (/q/openapi):\n  "
                    + request.getMethod() + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " -> " + status + " " + abbreviate(response.asString()) + "\n"
                    + errors.stream().map(message -> "  - " + message.getKey() + ": " + message.getMessage())
                            .collect(Collectors.joining("\n")));
        }
        return response;
    }

    private static OpenApiInteractionValidator validator(URI uri) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document(uri)).build();
    }

    /** Reads the running service's document directly, not through RestAssured (and so not through this filter). */
    static String document(URI service) {
        URI documentUri = URI.create(service.getScheme() + "://" + service.getHost() + ":" + service.getPort() + "/q/openapi?format=json");
        try (InputStream in = documentUri.toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document at " + documentUri, e);
        }
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 500 ? body : body.substring(0, 500) + "…";
    }
}
