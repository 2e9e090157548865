package org.ecoplan.progress.report;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7386) between two JSON objects: what the history stores for each change of a report. The
 * format fits the API's documents exactly: it leaves null fields out, and a patch says "went away" with null.
 */
final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /** The patch that turns {@code from} into {@code to}: changed and new fields, null for removed ones. */
    static ObjectNode diff(ObjectNode from, ObjectNode to) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = to.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode old = from.get(field.getKey());
            JsonNode now = field.getValue();
            if (old == null || !old.equals(now)) {
                // A nested object is merged, not replaced, when the patch is applied: its patch must be a diff too.
                patch.set(field.getKey(), old instanceof ObjectNode oldObject && now instanceof ObjectNode newObject
                        ? diff(oldObject, newObject) : now);
            }
        }
        for (Iterator<String> names = from.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!to.has(name)) {
                patch.putNull(name);
            }
        }
        return patch;
    }

    /** RFC 7386 section 2, without changing {@code target}. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode patchObject)) {
            return patch;
        }
        ObjectNode result = target instanceof ObjectNode targetObject ? targetObject.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patchObject.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
