package org.ecoplan.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks rendered manifests: built-in kinds against the Kubernetes API schema, custom resources against
 * their CRDs, and all of them against {@link ConsistencyRules} (references that must resolve). A kind that
 * has no schema here is itself an error, so that nothing is applied unchecked.
 */
public final class ManifestValidator {

    private final KubernetesApiSchemas kubernetes = new KubernetesApiSchemas();
    private final CrdSchemas crds;

    /** @param crdFolder the vendored CustomResourceDefinitions ({@code deploy/k8s/schemas}) */
    public ManifestValidator(Path crdFolder) {
        this.crds = CrdSchemas.load(crdFolder);
    }

    public List<Violation> validate(List<? extends JsonNode> manifests) {
        List<Violation> violations = new ArrayList<>();
        for (JsonNode manifest : manifests) {
            ResourceId id = ResourceId.of(manifest);
            List<String> messages;
            if (id.name().isEmpty()) {
                messages = List.of("metadata.name is missing");
            } else if (kubernetes.knows(id)) {
                messages = kubernetes.validate(manifest);
            } else if (crds.knows(id)) {
                messages = new ArrayList<>(kubernetes.validateMetadata(manifest.path("metadata")));
                messages.addAll(crds.validate(manifest));
            } else {
                List<String> served = crds.servedVersions(id.kind());
                messages = List.of("no schema for " + id.apiVersion() + " " + id.kind()
                        + (served.isEmpty() ? "" : "; the installed CRD serves " + served));
            }
            messages.forEach(message -> violations.add(new Violation(id, message)));
        }
        violations.addAll(new ConsistencyRules(manifests).check());
        return violations;
    }
}
