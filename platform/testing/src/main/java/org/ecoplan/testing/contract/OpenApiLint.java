package org.ecoplan.testing.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The rules a linter such as Redocly or Spectral applies to an OpenAPI document, in Java, so that the build
 * needs no Node: the document must be valid (swagger-parser), name its servers, give every operation a unique
 * camelCase operationId, a summary, a tag, an explicit security requirement (empty when open) naming a defined
 * scheme, 401 and 403 where it is secured, at least one 4xx and every 4xx/5xx as problem+json, a success answer;
 * no oneOf/anyOf without a discriminator; every object schema of an answer lists its required properties;
 * every example valid against its schema; no unused components; no header parameter OpenAPI ignores. Errors fail
 * the build; warnings are printed.
 */
public final class OpenApiLint {

    public enum Severity { ERROR, WARNING }

    public record Finding(Severity severity, String rule, String where, String message) {
        @Override
        public String toString() {
            return severity + " " + rule + " at " + where + ": " + message;
        }
    }

    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern REF = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/(schemas|headers|parameters|responses|requestBodies|examples)/([^\"]+)\"");
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final List<Finding> findings = new ArrayList<>();
    private OpenAPI api;
    private SchemaValidator examples;

    private OpenApiLint() {
    }

    /** @return every finding for the document (JSON or YAML text) */
    public static List<Finding> lint(String document) {
        OpenApiLint lint = new OpenApiLint();
        lint.run(document);
        return lint.findings;
    }

    private void run(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        if (result.getMessages() != null) {
            result.getMessages().forEach(message -> error("valid-document", "document", message));
        }
        api = result.getOpenAPI();
        if (api == null) {
            return;
        }
        examples = new SchemaValidator(api, new MessageResolver());
        if (api.getInfo() == null || blank(api.getInfo().getTitle()) || blank(api.getInfo().getVersion())) {
            error("info", "info", "title and version are required");
        } else if (blank(api.getInfo().getDescription())) {
            warning("info-description", "info", "the document has no description");
        }
        if (api.getServers() == null || api.getServers().isEmpty()) {
            error("no-empty-servers", "servers", "name at least one server, so that clients know where to send requests");
        } else {
            api.getServers().forEach(server -> {
                if (blank(server.getUrl()) || server.getUrl().contains("example.com")) {
                    error("no-server-example.com", "servers", "server URL " + server.getUrl() + " is a placeholder");
                }
            });
        }
        Set<String> schemes = api.getComponents() == null || api.getComponents().getSecuritySchemes() == null ? Set.of()
                : api.getComponents().getSecuritySchemes().keySet();
        Map<String, String> operationIds = new HashMap<>();
        if (api.getPaths() == null || api.getPaths().isEmpty()) {
            warning("paths", "paths", "the document has no operations");
        } else {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    operation(path, item, method, operation, schemes, operationIds)));
        }
        schemas();
        unusedComponents(document);
    }

    private void operation(String path, PathItem item, PathItem.HttpMethod method, Operation operation,
            Set<String> schemes, Map<String, String> operationIds) {
        String where = method + " " + path;
        String id = operation.getOperationId();
        if (blank(id)) {
            error("operation-operationId", where, "no operationId: generated clients would name the method after the path");
        } else {
            if (!OPERATION_ID.matcher(id).matches()) {
                warning("operation-operationId-url-safe", where, "operationId " + id + " is not camelCase");
            }
            String other = operationIds.put(id, where);
            if (other != null) {
                error("operation-operationId-unique", where, "operationId " + id + " is also used by " + other);
            }
        }
        if (blank(operation.getSummary())) {
            warning("operation-summary", where, "no summary");
        }
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            warning("operation-tag-defined", where, "no tag");
        }
        boolean secured = false;
        if (operation.getSecurity() == null) {
            error("security-defined", where, "no security requirement: write security: [] when the operation is open");
        } else {
            for (var requirement : operation.getSecurity()) {
                for (String scheme : requirement.keySet()) {
                    secured = true;
                    if (!schemes.contains(scheme)) {
                        error("security-defined", where, "security scheme " + scheme + " is not defined");
                    }
                }
            }
        }
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        for (Parameter parameter : parameters) {
            Parameter resolved = resolve(parameter);
            if (resolved == null) {
                error("no-unresolved-refs", where, "parameter " + parameter.get$ref() + " is not defined");
                continue;
            }
            if ("header".equals(resolved.getIn()) && IGNORED_HEADERS.contains(resolved.getName().toLowerCase())) {
                error("no-ignored-header-parameter", where, "header parameter " + resolved.getName()
                        + " is ignored by OpenAPI: media types and security say it");
            }
            if (blank(resolved.getDescription()) && !"path".equals(resolved.getIn())) {
                warning("parameter-description", where, "parameter " + resolved.getName() + " has no description");
            }
            example(where + " parameter " + resolved.getName(), resolved.getExample(), resolved.getSchema());
        }
        Matcher template = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (template.find()) {
            String name = template.group(1);
            if (parameters.stream().map(this::resolve).noneMatch(p -> p != null && "path".equals(p.getIn()) && name.equals(p.getName()))) {
                error("path-parameters-defined", where, "path parameter {" + name + "} is not declared");
            }
        }
        if (operation.getRequestBody() != null) {
            Content content = operation.getRequestBody().getContent();
            if (content == null || content.isEmpty()) {
                error("request-mime-type", where, "a request body without media types");
            } else {
                content.forEach((type, media) -> mediaExamples(where + " request " + type, media));
            }
        }
        if (operation.getResponses() == null || operation.getResponses().isEmpty()) {
            error("operation-2xx-response", where, "no responses");
            return;
        }
        Map<String, ApiResponse> responses = operation.getResponses();
        if (responses.keySet().stream().noneMatch(code -> code.startsWith("2") || code.startsWith("3"))) {
            error("operation-2xx-response", where, "no success answer");
        }
        if (responses.keySet().stream().noneMatch(code -> code.startsWith("4"))) {
            error("operation-4xx-response", where, "no 4xx answer documented");
        }
        if (secured && !(responses.containsKey("401") && responses.containsKey("403"))) {
            error("operation-security-responses", where, "a secured operation must document 401 and 403");
        }
        responses.forEach((code, response) -> {
            ApiResponse resolved = response.get$ref() == null ? response
                    : api.getComponents().getResponses().get(response.get$ref().replace("#/components/responses/", ""));
            if (resolved == null) {
                error("no-unresolved-refs", where, "response " + response.get$ref() + " is not defined");
                return;
            }
            String at = where + " " + code;
            if (blank(resolved.getDescription())) {
                error("response-description", at, "no description");
            }
            if ((code.startsWith("4") || code.startsWith("5"))
                    && (resolved.getContent() == null || !resolved.getContent().containsKey("application/problem+json"))) {
                error("problem-json", at, "error answers are application/problem+json");
            }
            if (code.startsWith("2") && !code.equals("204") && !code.equals("202")
                    && (resolved.getContent() == null || resolved.getContent().isEmpty())) {
                warning("response-contains-content", at, "a success answer without content");
            }
            if (resolved.getContent() != null) {
                resolved.getContent().forEach((type, media) -> mediaExamples(at + " " + type, media));
            }
            if (resolved.getHeaders() != null) {
                resolved.getHeaders().forEach((name, header) -> {
                    Header h = header.get$ref() == null ? header
                            : api.getComponents().getHeaders().get(header.get$ref().replace("#/components/headers/", ""));
                    if (h == null) {
                        error("no-unresolved-refs", at, "header " + header.get$ref() + " is not defined");
                    }
                });
            }
        });
    }

    private void schemas() {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Set<String> inRequests = new HashSet<>();
        Set<String> inAnswers = new HashSet<>();
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> reach(media.getSchema(), inRequests));
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> {
                        if (response.getContent() != null) {
                            response.getContent().values().forEach(media -> reach(media.getSchema(), inAnswers));
                        }
                    });
                }
            }));
        }
        api.getComponents().getSchemas().forEach((name, schema) -> {
            String where = "#/components/schemas/" + name;
            walk(schema, where, (at, s) -> {
                if ((s.getOneOf() != null || s.getAnyOf() != null) && s.getDiscriminator() == null) {
                    error("no-ambiguous-oneOf", at, "oneOf/anyOf without a discriminator: generated clients cannot tell the alternatives apart");
                }
                example(at, s.getExample(), s);
            });
            if (isObject(schema) && schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                if (inAnswers.contains(name) && !inRequests.contains(name)) {
                    error("required-properties", where, "an answer's object lists no required properties: say what is always sent");
                } else {
                    warning("required-properties", where, "no property is required (every one optional)");
                }
            }
            if (schema.getRequired() != null && schema.getProperties() != null) {
                schema.getRequired().stream().filter(property -> !schema.getProperties().containsKey(property))
                        .forEach(property -> error("required-properties", where, "required property " + property + " is not defined"));
            }
        });
    }

    private interface SchemaVisitor {
        void visit(String where, Schema<?> schema);
    }

    private void walk(Schema<?> schema, String where, SchemaVisitor visitor) {
        if (schema == null || schema.get$ref() != null) {
            return;
        }
        visitor.visit(where, schema);
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> walk(property, where + "/properties/" + name, visitor));
        }
        walk(schema.getItems(), where + "/items", visitor);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walk(additional, where + "/additionalProperties", visitor);
        }
        for (List<Schema> composed : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()))) {
            for (int i = 0; i < composed.size(); i++) {
                walk(composed.get(i), where + "/" + i, visitor);
            }
        }
    }

    private void reach(Schema<?> schema, Set<String> reached) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().replace("#/components/schemas/", "");
            if (reached.add(name) && api.getComponents().getSchemas() != null) {
                reach(api.getComponents().getSchemas().get(name), reached);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> reach(property, reached));
        }
        reach(schema.getItems(), reached);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            reach(additional, reached);
        }
        for (List<Schema> composed : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()))) {
            composed.forEach(part -> reach(part, reached));
        }
    }

    private void mediaExamples(String where, MediaType media) {
        if (media.getSchema() == null) {
            return;
        }
        example(where, media.getExample(), media.getSchema());
        if (media.getExamples() != null) {
            media.getExamples().forEach((name, example) -> example(where + " example '" + name + "'", example.getValue(), media.getSchema()));
        }
    }

    /** An example a reader (or a client generator) copies must be valid against its own schema. */
    private void example(String where, Object given, Schema<?> schema) {
        Object example = given;
        if (example == null || schema == null || "binary".equals(schema.getFormat())) {
            return;
        }
        String json;
        try {
            // The validator reads a bare string as the string itself, anything else as JSON.
            // (swagger-parser turns date and date-time examples into java.time values: written back, they are strings.)
            if (example instanceof java.util.Date date && "date".equals(schema.getFormat())) {
                example = date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            }
            json = JSON.writeValueAsString(example);
            var node = JSON.readTree(json);
            if (node.isTextual()) {
                json = node.textValue();
            }
        } catch (JsonProcessingException e) {
            error("no-invalid-schema-examples", where, "example cannot be written as JSON");
            return;
        }
        String value = json;
        ValidationReport report = examples.validate(value, schema, "example");
        report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> error("no-invalid-schema-examples", where, message.getMessage() + " (example " + value + ")"));
    }

    /** Components nobody refers to, transitively from the operations (Redocly's no-unused-components). */
    private void unusedComponents(String document) {
        if (api.getComponents() == null) {
            return;
        }
        Map<String, Set<String>> defined = new LinkedHashMap<>();
        defined.put("schemas", keys(api.getComponents().getSchemas()));
        defined.put("headers", keys(api.getComponents().getHeaders()));
        defined.put("parameters", keys(api.getComponents().getParameters()));
        defined.put("responses", keys(api.getComponents().getResponses()));
        defined.put("requestBodies", keys(api.getComponents().getRequestBodies()));
        defined.put("examples", keys(api.getComponents().getExamples()));
        Set<String> used = new HashSet<>();
        // References from the paths, then from whatever they reach, until nothing new is found.
        List<String> pending = new ArrayList<>();
        collectRefs(serialize(api.getPaths()), used, pending::add);
        while (!pending.isEmpty()) {
            String next = pending.remove(pending.size() - 1);
            String[] kindAndName = next.split("/", 2);
            Object component = switch (kindAndName[0]) {
                case "schemas" -> get(api.getComponents().getSchemas(), kindAndName[1]);
                case "headers" -> get(api.getComponents().getHeaders(), kindAndName[1]);
                case "parameters" -> get(api.getComponents().getParameters(), kindAndName[1]);
                case "responses" -> get(api.getComponents().getResponses(), kindAndName[1]);
                case "requestBodies" -> get(api.getComponents().getRequestBodies(), kindAndName[1]);
                default -> get(api.getComponents().getExamples(), kindAndName[1]);
            };
            if (component != null) {
                collectRefs(serialize(component), used, pending::add);
            }
        }
        defined.forEach((kind, names) -> names.stream().filter(name -> !used.contains(kind + "/" + name))
                .forEach(name -> error("no-unused-components", "#/components/" + kind + "/" + name, "defined but never used")));
    }

    private static void collectRefs(String json, Set<String> used, Consumer<String> fresh) {
        Matcher matcher = REF.matcher(json);
        while (matcher.find()) {
            String key = matcher.group(1) + "/" + matcher.group(2);
            if (used.add(key)) {
                fresh.accept(key);
            }
        }
    }

    private static String serialize(Object value) {
        try {
            return io.swagger.v3.core.util.Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Parameter resolve(Parameter parameter) {
        if (parameter.get$ref() == null) {
            return parameter;
        }
        return api.getComponents() == null || api.getComponents().getParameters() == null ? null
                : api.getComponents().getParameters().get(parameter.get$ref().replace("#/components/parameters/", ""));
    }

    private static boolean isObject(Schema<?> schema) {
        return "object".equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains("object"));
    }

    private static <T> T get(Map<String, T> map, String key) {
        return map == null ? null : map.get(key);
    }

    private static Set<String> keys(Map<String, ?> map) {
        return map == null ? Set.of() : map.keySet();
    }

    private static List<Schema> nonNull(List<Schema> list) {
        return list == null ? List.of() : list;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private void error(String rule, String where, String message) {
        findings.add(new Finding(Severity.ERROR, rule, where, message));
    }

    private void warning(String rule, String where, String message) {
        findings.add(new Finding(Severity.WARNING, rule, where, message));
    }
}
