package org.ecoplan.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads and writes Kubernetes YAML (several documents per file) as Jackson trees. */
public final class Yaml {

    static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .build();
    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {
    }

    /** @return the non-empty documents of a file, each an object */
    public static List<ObjectNode> readAll(Path file) {
        try {
            return readAll(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static List<ObjectNode> readAll(String yaml, String source) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = MAPPER.createParser(yaml)) {
            var values = MAPPER.readValues(parser, JsonNode.class);
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(source + ": a document must be a mapping, not " + document.getNodeType());
                }
                documents.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    /** @return the documents as one multi-document YAML stream, as {@code kubectl apply -f -} reads it */
    public static String write(List<? extends JsonNode> documents) {
        var out = new StringBuilder();
        for (JsonNode document : documents) {
            try {
                out.append("---\n").append(MAPPER.writeValueAsString(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }
}
