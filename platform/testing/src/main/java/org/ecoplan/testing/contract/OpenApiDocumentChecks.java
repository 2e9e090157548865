package org.ecoplan.testing.contract;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.restassured.RestAssured;

/**
 * The checks every service's OpenAPI document passes, inherited by one {@code @QuarkusTest} per service:
 * <pre>
 * &#64;QuarkusTest
 * class OpenApiDocumentTest extends OpenApiDocumentChecks {
 * }
 * </pre>
 * The live document ({@code /q/openapi}) has no {@link OpenApiLint} error, and it is exactly the committed
 * snapshot {@code src/main/openapi/openapi.json}: the snapshot is the reviewable API (a change to it shows in the
 * diff of the commit that makes it), and progress-service generates its test client from it. After an intended
 * change, refresh the snapshot with the command in the failure message.
 */
public abstract class OpenApiDocumentChecks {

    /** Set to true to write the live document over the snapshot instead of comparing. */
    public static final String UPDATE_PROPERTY = "openapi.snapshot.update";
    public static final Path SNAPSHOT = Path.of("src", "main", "openapi", "openapi.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void documentHasNoLintErrors() {
        List<OpenApiLint.Finding> findings = OpenApiLint.lint(liveDocument());
        findings.stream().filter(finding -> finding.severity() == OpenApiLint.Severity.WARNING)
                .forEach(finding -> System.out.println("OpenAPI lint " + finding));
        List<OpenApiLint.Finding> errors = findings.stream()
                .filter(finding -> finding.severity() == OpenApiLint.Severity.ERROR).toList();
        System.out.println("OpenAPI lint: " + errors.size() + " errors, " + (findings.size() - errors.size()) + " warnings");
        if (!errors.isEmpty()) {
            throw new AssertionError("The OpenAPI document breaks " + errors.size() + " lint rules:\n"
                    + errors.stream().map(error -> "  " + error).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void documentMatchesTheCommittedSnapshot() throws IOException {
        JsonNode live = JSON.readTree(liveDocument());
        String pretty = JSON.writeValueAsString(live).replace("\r\n", "\n") + "\n";
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, pretty, StandardCharsets.UTF_8);
            System.out.println("OpenAPI snapshot written to " + SNAPSHOT.toAbsolutePath());
            return;
        }
        String module = Path.of("").toAbsolutePath().getFileName().toString();
        String refresh = "mvn -B -pl " + module + " -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                + UPDATE_PROPERTY + "=true";
        if (!Files.exists(SNAPSHOT)) {
            throw new AssertionError("No OpenAPI snapshot at " + SNAPSHOT.toAbsolutePath() + "; write it with:\n  " + refresh);
        }
        JsonNode committed = JSON.readTree(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
        if (!committed.equals(live)) {
            List<String> differences = new ArrayList<>();
            diff("", committed, live, differences);
            throw new AssertionError("The service's OpenAPI document differs from the committed snapshot " + SNAPSHOT
                    + " (" + differences.size() + " differences; first ones below). If the change is intended, refresh it with\n  "
                    + refresh + "\nand commit the snapshot with the change.\n"
                    + differences.stream().limit(20).map(d -> "  " + d).collect(Collectors.joining("\n")));
        }
    }

    private static String liveDocument() {
        return OpenApiValidationFilter.document(URI.create("http://localhost:" + RestAssured.port));
    }

    private static void diff(String pointer, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || actual == null) {
            out.add((expected == null ? "added " : "removed ") + pointer);
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), expected.get(name), actual.get(name), out);
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                diff(pointer + "/" + i, e.next(), a.next(), out);
            }
        } else if (!expected.equals(actual)) {
            out.add("changed " + pointer + ": " + abbreviate(expected) + " -> " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
