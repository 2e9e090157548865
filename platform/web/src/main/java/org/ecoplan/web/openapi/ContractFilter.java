package org.ecoplan.web.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.ecoplan.web.problem.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Adds to every EcoPlan service's OpenAPI document, once, what each operation would otherwise repeat, so a
 * resource declares only what is particular to it (its success answer and the error answers whose meaning
 * is its own: 409, 412, 413, 415, 422 …):
 * <ul>
 * <li>the problem+json schemas ({@code Problem}, {@code FieldProblem}) and, on every operation, the error
 * answers that can happen there: 400 where it takes parameters or a body, 401 and 403 where it has a
 * security requirement, 404 where its path has parameters, 413 and 415 where it takes a body, 414 everywhere
 * (a URL can always be too long), 500 and 503 (with Retry-After) everywhere; every 4xx/5xx answer without content gets the problem+json body;</li>
 * <li>{@code security: []} on operations without a requirement, so "open" is said, not guessed;</li>
 * <li>the headers of {@link ApiHeaders} as components, and what they imply: an {@code If-Match} parameter is
 * required and brings 412 and 428; an {@code Idempotency-Key} parameter brings {@code Idempotent-Replayed} on
 * the success answers and 422; a GET whose 200 documents an ETag takes {@code If-None-Match} and may answer
 * 304;</li>
 * <li>{@code required}: the Bean Validation constraints mark what a request must carry (SmallRye does that);
 * for a schema that only appears in answers, every property is required unless its record component says it
 * may be absent with {@code @Schema(nullable = true)}.</li>
 * </ul>
 * Header parameters named Accept, Content-Type or Authorization are dropped: OpenAPI ignores them (the media
 * types and the security requirement say it). The README's "OpenAPI conventions" section describes this for
 * contributors.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {

    static final String SCHEMAS = "#/components/schemas/";
    static final String HEADERS = "#/components/headers/";
    static final String PARAMETERS = "#/components/parameters/";

    private static final Set<String> IGNORED_HEADER_PARAMETERS = Set.of("accept", "content-type", "authorization");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema("Problem", problemSchema());
        components.addSchema("FieldProblem", fieldProblemSchema());
        addHeaders(components);
        components.addParameter(ApiHeaders.IF_NONE_MATCH, OASFactory.createParameter()
                .name(ApiHeaders.IF_NONE_MATCH).in(Parameter.In.HEADER)
                .description("The ETag of the copy the client holds: 304 without a body while it is current")
                .schema(string()).example("W/\"5f1c0e3a9b7d2c4e8a6f1b3d5e7c9a0b\""));

        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> operations(item).forEach(operation ->
                    complete(openAPI, path, item, operation)));
        }
        requireWhatAnswersAlwaysCarry(openAPI);
        inlineScalarSchemas(openAPI);
        dropUnusedHeaders(openAPI);
        dropUnreachableSchemas(openAPI);
    }

    /** Schemas no operation reaches any more (an enum written inline) are not kept as components. */
    private static void dropUnreachableSchemas(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> reached = new HashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : operations(item)) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> reach(parameter.getSchema(), schemas, reached));
                }
                if (operation.getRequestBody() != null) {
                    contentSchemas(operation.getRequestBody().getContent(), schema -> reach(schema, schemas, reached));
                }
                operation.getResponses().getAPIResponses().values()
                        .forEach(response -> contentSchemas(response.getContent(), schema -> reach(schema, schemas, reached)));
            }
        }
        Map<String, Schema> kept = new LinkedHashMap<>();
        schemas.forEach((name, schema) -> {
            if (reached.contains(name)) {
                kept.put(name, schema);
            }
        });
        openAPI.getComponents().setSchemas(kept);
    }

    /**
     * SmallRye names UUID, Instant and LocalDate as components and refers to them through allOf, but in OpenAPI 3.0
     * a referenced schema does not become nullable by the property's {@code nullable: true}, so a null start date
     * breaks the document. Scalar components are therefore written inline (type, format, pattern), and a nullable
     * property that refers to an enum gets the enum's values inline, null included.
     */
    private static void inlineScalarSchemas(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> scalars = new HashSet<>();
        schemas.forEach((name, schema) -> {
            if (isScalar(schema) && schema.getEnumeration() == null) {
                scalars.add(name);
            }
        });
        Consumer<Schema> inline = schema -> inline(schema, schemas, scalars);
        schemas.values().forEach(schema -> walk(schema, inline));
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : operations(item)) {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(parameter -> walk(parameter.getSchema(), inline));
                    }
                    if (operation.getRequestBody() != null) {
                        contentSchemas(operation.getRequestBody().getContent(), schema -> walk(schema, inline));
                    }
                    operation.getResponses().getAPIResponses().values()
                            .forEach(response -> contentSchemas(response.getContent(), schema -> walk(schema, inline)));
                }
            }
        }
        Map<String, Schema> kept = new LinkedHashMap<>(schemas);
        scalars.forEach(kept::remove);
        openAPI.getComponents().setSchemas(kept);
    }

    private static void inline(Schema schema, Map<String, Schema> schemas, Set<String> scalars) {
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf != null && anyOf.size() == 2 && anyOf.stream().anyMatch(ContractFilter::isNullOnly)) {
            // SmallRye's way of saying "this reference, or null": OpenAPI 3.0 says it with nullable.
            Schema other = anyOf.stream().filter(alternative -> !isNullOnly(alternative)).findFirst().orElseThrow();
            schema.setAnyOf(null);
            schema.setAllOf(new ArrayList<>(List.of(other)));
            List<SchemaType> types = new ArrayList<>(schema.getType() == null ? List.of() : schema.getType());
            if (other.getRef() == null && other.getType() != null) {
                types.addAll(other.getType());
            }
            Schema target = other.getRef() == null ? null : schemas.get(name(other.getRef()));
            if (target == null || target.getProperties() == null) {
                types.add(SchemaType.NULL);
            }
            // An object that may be missing is left out of the JSON (@JsonInclude NON_NULL on the component), never
            // sent as null: OpenAPI 3.0 cannot make a referenced object nullable. Not required, not nullable.
            schema.setType(types.isEmpty() ? null : types);
        }
        String ref = schema.getRef();
        List<Schema> allOf = schema.getAllOf();
        if (ref == null && allOf != null && allOf.size() == 1 && allOf.get(0).getRef() != null) {
            String target = name(allOf.get(0).getRef());
            Schema referenced = schemas.get(target);
            if (referenced != null && (scalars.contains(target) || (isNullable(schema) && referenced.getEnumeration() != null))) {
                schema.setAllOf(null);
                copyScalar(referenced, schema);
            }
        } else if (ref != null && scalars.contains(name(ref))) {
            Schema referenced = schemas.get(name(ref));
            schema.setRef(null);
            copyScalar(referenced, schema);
        }
    }

    private static void copyScalar(Schema from, Schema to) {
        boolean nullable = isNullable(to);
        List<SchemaType> types = new ArrayList<>(from.getType() == null ? List.of() : from.getType());
        if (nullable && !types.contains(SchemaType.NULL)) {
            types.add(SchemaType.NULL);
        }
        to.setType(types);
        if (from.getFormat() != null) {
            to.setFormat(from.getFormat());
        }
        if (from.getPattern() != null) {
            to.setPattern(from.getPattern());
        }
        if (from.getEnumeration() != null) {
            List<Object> values = new ArrayList<>(from.getEnumeration());
            if (nullable) {
                values.add(null);
            }
            to.setEnumeration(values);
        }
        if (to.getExample() == null && from.getExample() != null) {
            to.setExample(from.getExample());
        }
        if (to.getExamples() == null && from.getExamples() != null) {
            to.setExamples(from.getExamples());
        }
    }

    private static boolean isNullOnly(Schema schema) {
        return schema.getRef() == null && schema.getType() != null && schema.getType().equals(List.of(SchemaType.NULL));
    }

    private static boolean isScalar(Schema schema) {
        return schema.getRef() == null && schema.getType() != null && schema.getProperties() == null
                && schema.getType().stream().allMatch(type -> type == SchemaType.STRING || type == SchemaType.INTEGER
                        || type == SchemaType.NUMBER || type == SchemaType.BOOLEAN);
    }

    private static String name(String ref) {
        return ref.startsWith(SCHEMAS) ? ref.substring(SCHEMAS.length()) : ref;
    }

    private static void walk(Schema schema, Consumer<Schema> action) {
        if (schema == null) {
            return;
        }
        action.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> walk(property, action));
        }
        walk(schema.getItems(), action);
        walk(schema.getAdditionalPropertiesSchema(), action);
        for (List<Schema> composed : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (composed != null) {
                composed.forEach(part -> walk(part, action));
            }
        }
    }

    /** A service documents only the shared headers it uses (a linter flags unused components). */
    private static void dropUnusedHeaders(OpenAPI openAPI) {
        Set<String> usedHeaders = new HashSet<>();
        Set<String> usedParameters = new HashSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : operations(item)) {
                    if (operation.getParameters() != null) {
                        operation.getParameters().stream().filter(parameter -> parameter.getRef() != null)
                                .forEach(parameter -> usedParameters.add(parameter.getRef().substring(PARAMETERS.length())));
                    }
                    operation.getResponses().getAPIResponses().values().stream()
                            .filter(response -> response.getHeaders() != null)
                            .flatMap(response -> response.getHeaders().values().stream())
                            .filter(header -> header.getRef() != null && header.getRef().startsWith(HEADERS))
                            .forEach(header -> usedHeaders.add(header.getRef().substring(HEADERS.length())));
                }
            }
        }
        Components components = openAPI.getComponents();
        new ArrayList<>(components.getHeaders().keySet()).stream().filter(name -> !usedHeaders.contains(name))
                .forEach(components::removeHeader);
        new ArrayList<>(components.getParameters().keySet()).stream().filter(name -> !usedParameters.contains(name))
                .forEach(components::removeParameter);
    }

    private static void complete(OpenAPI openAPI, String path, PathItem item, Operation operation) {
        if (operation.getSecurity() == null) {
            // Inherit the document's requirement if it has one; otherwise say explicitly that the operation is open.
            operation.setSecurity(openAPI.getSecurity() == null ? new ArrayList<>() : new ArrayList<>(openAPI.getSecurity()));
        }
        boolean secured = operation.getSecurity().stream().anyMatch(requirement -> requirement != null
                && requirement.getSchemes() != null && !requirement.getSchemes().isEmpty());
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            List<Parameter> kept = new ArrayList<>(operation.getParameters());
            kept.removeIf(parameter -> parameter.getIn() == Parameter.In.HEADER
                    && parameter.getName() != null && IGNORED_HEADER_PARAMETERS.contains(parameter.getName().toLowerCase()));
            operation.setParameters(kept);
            parameters.addAll(kept);
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean hasBody = operation.getRequestBody() != null;
        boolean pathParameters = path.contains("{");

        Parameter ifMatch = header(parameters, ApiHeaders.IF_MATCH);
        if (ifMatch != null) {
            ifMatch.setRequired(true);
            describe(ifMatch, "The ETag last read; the write applies only while it is current");
            addIfAbsent(responses, "412", "The resource changed since the client read it (If-Match is stale); nothing was changed");
            addIfAbsent(responses, "428", "If-Match is missing: send the ETag last read");
        }
        Parameter idempotencyKey = header(parameters, ApiHeaders.IDEMPOTENCY_KEY);
        if (idempotencyKey != null) {
            describe(idempotencyKey, "Unique per request (at most 200 characters, scoped to the caller); a retry with the same "
                    + "key and the same request answers the stored result with Idempotent-Replayed: true and changes nothing");
            responses.getAPIResponses().forEach((code, response) -> {
                if (code.startsWith("2")) {
                    addHeader(response, ApiHeaders.IDEMPOTENT_REPLAYED);
                }
            });
            addIfAbsent(responses, "422", "The Idempotency-Key was used before for a different request");
        }
        APIResponse ok = responses.getAPIResponse("200");
        if (item.getGET() == operation && ok != null && ok.getHeaders() != null && ok.getHeaders().containsKey(ApiHeaders.ETAG)) {
            if (header(parameters, ApiHeaders.IF_NONE_MATCH) == null) {
                operation.addParameter(OASFactory.createParameter().ref(PARAMETERS + ApiHeaders.IF_NONE_MATCH));
            }
            if (!responses.hasAPIResponse("304")) {
                APIResponse notModified = OASFactory.createAPIResponse()
                        .description("Not modified: the ETag in If-None-Match is still current");
                addHeader(notModified, ApiHeaders.ETAG);
                responses.addAPIResponse("304", notModified);
            }
        }

        if (!parameters.isEmpty() || hasBody) {
            addIfAbsent(responses, "400", "A parameter or the body is malformed or breaks a rule; errors[].field names each offending field");
        }
        if (secured) {
            addIfAbsent(responses, "401", "No valid bearer token: missing, expired, or not signed by the trusted issuer");
            addIfAbsent(responses, "403", "The token's role or department does not allow this; detail says why");
        }
        if (pathParameters) {
            addIfAbsent(responses, "404", "No such resource");
        }
        if (hasBody) {
            addIfAbsent(responses, "413", "The body is larger than this service accepts (quarkus.http.limits.max-body-size)");
            addIfAbsent(responses, "415", "The request's Content-Type is not one this operation accepts");
        }
        // Any URL can be too long (HttpEdge answers it before routing), so every operation can answer 414.
        addIfAbsent(responses, "414", "The URL is longer than this service accepts (ecoplan.http.max-url-length)");
        addIfAbsent(responses, "500", "Unexpected failure; detail carries a reference that is also in the service's log");
        if (!responses.hasAPIResponse("503")) {
            APIResponse unavailable = OASFactory.createAPIResponse()
                    .description("A database or broker the service needs is unreachable; nothing was changed, retry after Retry-After seconds");
            addHeader(unavailable, ApiHeaders.RETRY_AFTER);
            responses.addAPIResponse("503", unavailable);
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getRef() == null
                    && (response.getContent() == null || response.getContent().getMediaTypes() == null
                            || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
        });
        sortResponses(operation);
    }

    /** Success first, then the errors in numeric order: the order a reader (and Swagger UI) expects. */
    private static void sortResponses(Operation operation) {
        Map<String, APIResponse> sorted = new LinkedHashMap<>();
        operation.getResponses().getAPIResponses().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        operation.getResponses().setAPIResponses(sorted);
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent()));
        }
    }

    private static void describe(Parameter parameter, String description) {
        if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
            parameter.setDescription(description);
        }
    }

    private static Parameter header(List<Parameter> parameters, String name) {
        return parameters.stream()
                .filter(parameter -> parameter.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(parameter.getName())
                        || (PARAMETERS + name).equals(parameter.getRef()))
                .findFirst().orElse(null);
    }

    private static void addHeader(APIResponse response, String name) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, OASFactory.createHeader().ref(HEADERS + name));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMAS + "Problem")));
    }

    private static List<Operation> operations(PathItem item) {
        List<Operation> operations = new ArrayList<>();
        for (Operation operation : new Operation[] { item.getGET(), item.getPUT(), item.getPOST(), item.getDELETE(),
                item.getPATCH(), item.getHEAD(), item.getOPTIONS() }) {
            if (operation != null) {
                operations.add(operation);
            }
        }
        return operations;
    }

    private static void addHeaders(Components components) {
        components.addHeader(ApiHeaders.ETAG, header(
                "Entity tag: a single resource's revision (strong, send it in If-Match), a file's SHA-256, or a weak hash of a list (send it in If-None-Match)",
                "\"3\"", true));
        components.addHeader(ApiHeaders.LOCATION, header("The created resource's path", "/reports/0b6f0c2e-8f4f-4b57-9c1f-2d0c5f0e9a11", true));
        components.addHeader(ApiHeaders.IDEMPOTENT_REPLAYED, OASFactory.createHeader()
                .description("Present and true when this is the stored answer to an earlier request with the same Idempotency-Key; nothing was done again")
                .schema(OASFactory.createSchema().addType(SchemaType.BOOLEAN)).example(true));
        components.addHeader(ApiHeaders.DIGEST, header("SHA-256 of the content, base64 (RFC 3230)",
                "sha-256=n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", true));
        components.addHeader(ApiHeaders.RETRY_AFTER, OASFactory.createHeader()
                .description("Seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)).example(5));
        components.addHeader(ApiHeaders.CONTENT_DISPOSITION, header("attachment, with the file name percent-encoded UTF-8 (RFC 6266)",
                "attachment; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg", true));
    }

    private static Header header(String description, String example, boolean required) {
        return OASFactory.createHeader().description(description).schema(string()).example(example).required(required);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details: the body of every 4xx and 5xx answer (media type application/problem+json)")
                .addProperty("type", string().format("uri").description("Stable URI of the kind of problem; switch on it")
                        .example("https://ecoplan.example/problems/validation"))
                .addProperty("title", string().description("Short summary of the kind").example("Invalid request"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status").example(400))
                .addProperty("detail", string().description("What went wrong here, in English and Chinese")
                        .example("deadline.end must not be before deadline.start / 截止日期不能早于开始日期"))
                .addProperty("instance", string().description("The request path").example("/measures/0b6f0c2e-8f4f-4b57-9c1f-2d0c5f0e9a11"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("One entry per offending field; absent when no field is to blame")
                        .items(OASFactory.createSchema().ref(SCHEMAS + "FieldProblem")))
                .required(List.of("type", "title", "status"));
    }

    private static Schema fieldProblemSchema() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("One offending input field, named by its JSON path (departments[2].code), query parameter or header")
                .addProperty("field", string().example("deadline.end"))
                .addProperty("message", string().example("must not be before deadline.start"))
                .required(List.of("field", "message"));
    }

    /**
     * An answer's record has every component unless it says it may be absent: mark as required every property of
     * the schemas that appear only in answers, except the nullable ones. Schemas that are (also) request bodies
     * keep what Bean Validation said.
     */
    private static void requireWhatAnswersAlwaysCarry(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> inRequests = new HashSet<>();
        Set<String> inAnswers = new HashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : operations(item)) {
                if (operation.getRequestBody() != null) {
                    contentSchemas(operation.getRequestBody().getContent(), schema -> reach(schema, schemas, inRequests));
                }
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> reach(parameter.getSchema(), schemas, inRequests));
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(response ->
                            contentSchemas(response.getContent(), schema -> reach(schema, schemas, inAnswers)));
                }
            }
        }
        inAnswers.removeAll(inRequests);
        for (String name : inAnswers) {
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null || name.equals("Problem") || name.equals("FieldProblem")) {
                continue;
            }
            schema.getProperties().forEach((property, propertySchema) -> {
                if (!isNullable(propertySchema) && (schema.getRequired() == null || !schema.getRequired().contains(property))) {
                    schema.addRequired(property);
                }
            });
        }
    }

    static boolean isNullable(Schema schema) {
        if (schema == null) {
            return true;
        }
        if (schema.getType() != null && schema.getType().contains(SchemaType.NULL)) {
            return true;
        }
        for (List<Schema> alternatives : new ArrayList<List<Schema>>(java.util.Arrays.asList(schema.getAnyOf(), schema.getOneOf()))) {
            if (alternatives != null && alternatives.stream().anyMatch(ContractFilter::isNullable)) {
                return true;
            }
        }
        return false;
    }

    private static void contentSchemas(Content content, Consumer<Schema> action) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType mediaType : content.getMediaTypes().values()) {
            if (mediaType != null && mediaType.getSchema() != null) {
                action.accept(mediaType.getSchema());
            }
        }
    }

    private static void reach(Schema schema, Map<String, Schema> schemas, Set<String> reached) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS)) {
            String name = schema.getRef().substring(SCHEMAS.length());
            if (reached.add(name)) {
                reach(schemas.get(name), schemas, reached);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> reach(property, schemas, reached));
        }
        reach(schema.getItems(), schemas, reached);
        if (schema.getAdditionalPropertiesSchema() != null) {
            reach(schema.getAdditionalPropertiesSchema(), schemas, reached);
        }
        for (List<Schema> composed : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (composed != null) {
                composed.forEach(part -> reach(part, schemas, reached));
            }
        }
    }
}
