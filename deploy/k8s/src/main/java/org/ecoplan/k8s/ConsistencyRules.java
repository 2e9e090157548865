package org.ecoplan.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a schema cannot see: references between manifests that must resolve. A probe or Service port must
 * be one the container declares; a Secret or ConfigMap (and the key) a pod reads must be rendered or be one
 * an operator generates (Strimzi's user and CA secrets); selectors must select a workload; custom resources
 * must name a Kafka or PostgreSQL cluster that exists. Every workload must carry probes, resource requests
 * and limits and run as non-root.
 */
final class ConsistencyRules {

    private final List<? extends JsonNode> manifests;
    private final List<Violation> violations = new ArrayList<>();
    /** Secret and ConfigMap name → the keys it holds. */
    private final Map<String, Set<String>> secrets = new HashMap<>();
    private final Map<String, Set<String>> configMaps = new HashMap<>();

    ConsistencyRules(List<? extends JsonNode> manifests) {
        this.manifests = manifests;
    }

    List<Violation> check() {
        collectConfiguration();
        for (JsonNode manifest : manifests) {
            ResourceId id = ResourceId.of(manifest);
            switch (id.kind()) {
                case "Deployment", "StatefulSet", "DaemonSet" -> checkWorkload(id, manifest);
                case "Service" -> checkService(id, manifest);
                case "HorizontalPodAutoscaler" -> checkAutoscaler(id, manifest);
                case "PodDisruptionBudget" -> requireSelected(id, manifest.path("spec").path("selector"), "spec.selector");
                case "NetworkPolicy" -> checkNetworkPolicy(id, manifest);
                case "KafkaTopic", "KafkaUser", "KafkaNodePool" -> checkStrimziCluster(id, manifest);
                case "Database", "DatabaseRole", "ScheduledBackup" -> checkPostgresCluster(id, manifest);
                case "Cluster" -> checkPostgresPlugins(id, manifest);
                default -> {
                }
            }
        }
        checkDatabaseOwners();
        return violations;
    }

    private void collectConfiguration() {
        for (JsonNode manifest : manifests) {
            ResourceId id = ResourceId.of(manifest);
            switch (id.kind()) {
                case "Secret" -> secrets.put(id.name(), keys(manifest, "data", "stringData"));
                case "ConfigMap" -> configMaps.put(id.name(), keys(manifest, "data", "binaryData"));
                // Secrets the operators generate (Strimzi 1.2 user and cluster CA secrets).
                case "KafkaUser" -> secrets.put(id.name(), scramUser(manifest) ? Set.of("password", "sasl.jaas.config")
                        : Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password"));
                case "Kafka" -> {
                    secrets.put(id.name() + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
                    secrets.put(id.name() + "-clients-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
                }
                default -> {
                }
            }
        }
    }

    private static boolean scramUser(JsonNode kafkaUser) {
        return "scram-sha-512".equals(kafkaUser.path("spec").path("authentication").path("type").asText());
    }

    private static Set<String> keys(JsonNode manifest, String... fields) {
        Set<String> keys = new HashSet<>();
        for (String field : fields) {
            manifest.path(field).fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    private void checkWorkload(ResourceId id, JsonNode manifest) {
        JsonNode template = manifest.path("spec").path("template");
        JsonNode pod = template.path("spec");
        if (!matches(manifest.path("spec").path("selector"), template.path("metadata").path("labels"))) {
            fail(id, "spec.selector does not select the pod template's labels");
        }
        boolean podNonRoot = pod.path("securityContext").path("runAsNonRoot").asBoolean();
        Set<String> volumes = new HashSet<>();
        for (JsonNode volume : pod.path("volumes")) {
            volumes.add(volume.path("name").asText());
            checkVolumeSource(id, volume);
        }
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : pod.path(list)) {
                String where = list + "[" + container.path("name").asText() + "]";
                checkContainer(id, where, container, volumes, podNonRoot, list.equals("containers"));
            }
        }
    }

    private void checkContainer(ResourceId id, String where, JsonNode container, Set<String> volumes,
            boolean podNonRoot, boolean longRunning) {
        Map<String, Integer> ports = declaredPorts(container);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode definition = container.path(probe);
            if (definition.isMissingNode()) {
                if (longRunning) {
                    fail(id, where + " has no " + probe);
                }
                continue;
            }
            for (String handler : List.of("httpGet", "tcpSocket", "grpc")) {
                JsonNode port = definition.path(handler).path("port");
                if (!port.isMissingNode() && !isDeclared(port, ports)) {
                    fail(id, where + "." + probe + "." + handler + ".port " + port + " is not a declared container port "
                            + ports);
                }
            }
        }
        JsonNode resources = container.path("resources");
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (resources.path(bound).path(resource).isMissingNode()
                        && !(bound.equals("limits") && resource.equals("cpu"))) {
                    fail(id, where + " has no resources." + bound + "." + resource);
                }
            }
        }
        if (!podNonRoot && !container.path("securityContext").path("runAsNonRoot").asBoolean()) {
            fail(id, where + " may run as root: set securityContext.runAsNonRoot");
        }
        for (JsonNode env : container.path("env")) {
            JsonNode from = env.path("valueFrom");
            checkKeyReference(id, where + ".env[" + env.path("name").asText() + "]", from.path("secretKeyRef"), secrets, "Secret");
            checkKeyReference(id, where + ".env[" + env.path("name").asText() + "]", from.path("configMapKeyRef"), configMaps,
                    "ConfigMap");
        }
        for (JsonNode source : container.path("envFrom")) {
            checkNameReference(id, where + ".envFrom", source.path("secretRef"), secrets, "Secret");
            checkNameReference(id, where + ".envFrom", source.path("configMapRef"), configMaps, "ConfigMap");
        }
        for (JsonNode mount : container.path("volumeMounts")) {
            if (!volumes.contains(mount.path("name").asText())) {
                fail(id, where + " mounts volume '" + mount.path("name").asText() + "' that the pod does not define");
            }
        }
    }

    private void checkVolumeSource(ResourceId id, JsonNode volume) {
        String where = "volumes[" + volume.path("name").asText() + "]";
        JsonNode secret = volume.path("secret");
        if (!secret.isMissingNode() && !secret.path("optional").asBoolean()) {
            checkItems(id, where, secret.path("secretName").asText(), secret.path("items"), secrets, "Secret");
        }
        JsonNode configMap = volume.path("configMap");
        if (!configMap.isMissingNode() && !configMap.path("optional").asBoolean()) {
            checkItems(id, where, configMap.path("name").asText(), configMap.path("items"), configMaps, "ConfigMap");
        }
    }

    private void checkItems(ResourceId id, String where, String name, JsonNode items, Map<String, Set<String>> known,
            String kind) {
        if (!known.containsKey(name)) {
            fail(id, where + " reads " + kind + " '" + name + "' that is neither rendered nor generated by an operator");
            return;
        }
        for (JsonNode item : items) {
            if (!known.get(name).contains(item.path("key").asText())) {
                fail(id, where + " reads key '" + item.path("key").asText() + "' that " + kind + " '" + name
                        + "' does not have " + known.get(name));
            }
        }
    }

    private void checkKeyReference(ResourceId id, String where, JsonNode reference, Map<String, Set<String>> known,
            String kind) {
        if (reference.isMissingNode() || reference.path("optional").asBoolean()) {
            return;
        }
        String name = reference.path("name").asText();
        String key = reference.path("key").asText();
        if (!known.containsKey(name)) {
            fail(id, where + " reads " + kind + " '" + name + "' that is neither rendered nor generated by an operator");
        } else if (!known.get(name).contains(key)) {
            fail(id, where + " reads key '" + key + "' that " + kind + " '" + name + "' does not have " + known.get(name));
        }
    }

    private void checkNameReference(ResourceId id, String where, JsonNode reference, Map<String, Set<String>> known,
            String kind) {
        if (!reference.isMissingNode() && !reference.path("optional").asBoolean()
                && !known.containsKey(reference.path("name").asText())) {
            fail(id, where + " reads " + kind + " '" + reference.path("name").asText()
                    + "' that is neither rendered nor generated by an operator");
        }
    }

    private void checkService(ResourceId id, JsonNode service) {
        JsonNode selector = service.path("spec").path("selector");
        List<JsonNode> pods = podsSelectedBy(selector, id.namespace(), false);
        if (pods.isEmpty()) {
            fail(id, "spec.selector " + selector + " selects no workload");
            return;
        }
        for (JsonNode port : service.path("spec").path("ports")) {
            JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.path("port");
            for (JsonNode pod : pods) {
                if (!isDeclared(target, podPorts(pod))) {
                    fail(id, "port " + port.path("name").asText() + " targets " + target
                            + ", which the selected pods do not declare " + podPorts(pod));
                }
            }
        }
    }

    private void checkAutoscaler(ResourceId id, JsonNode autoscaler) {
        JsonNode target = autoscaler.path("spec").path("scaleTargetRef");
        boolean found = manifests.stream().map(ResourceId::of).anyMatch(other -> other.kind().equals(target.path("kind").asText())
                && other.name().equals(target.path("name").asText()) && other.namespace().equals(id.namespace()));
        if (!found) {
            fail(id, "spec.scaleTargetRef " + target.path("kind").asText() + " " + target.path("name").asText()
                    + " does not exist");
        }
        if (autoscaler.path("spec").path("minReplicas").asInt(1) > autoscaler.path("spec").path("maxReplicas").asInt()) {
            fail(id, "spec.minReplicas is above spec.maxReplicas");
        }
    }

    private void checkNetworkPolicy(ResourceId id, JsonNode policy) {
        JsonNode selector = policy.path("spec").path("podSelector");
        List<JsonNode> pods = podsSelectedBy(selector, id.namespace(), true);
        if (pods.isEmpty()) {
            fail(id, "spec.podSelector " + selector + " selects no workload rendered here");
            return;
        }
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            for (JsonNode port : rule.path("ports")) {
                for (JsonNode pod : pods) {
                    if (port.has("port") && !isDeclared(port.get("port"), podPorts(pod))) {
                        fail(id, "ingress port " + port.get("port") + " is not declared by the selected pods " + podPorts(pod));
                    }
                }
            }
        }
    }

    private void requireSelected(ResourceId id, JsonNode selector, String field) {
        if (podsSelectedBy(selector, id.namespace(), true).isEmpty()) {
            fail(id, field + " " + selector + " selects no workload");
        }
    }

    private void checkStrimziCluster(ResourceId id, JsonNode manifest) {
        String cluster = manifest.path("metadata").path("labels").path("strimzi.io/cluster").asText();
        if (cluster.isEmpty() || !exists("Kafka", cluster, id.namespace())) {
            fail(id, "label strimzi.io/cluster '" + cluster + "' names no Kafka rendered here");
        }
    }

    private void checkPostgresCluster(ResourceId id, JsonNode manifest) {
        String cluster = manifest.path("spec").path("cluster").path("name").asText();
        if (!exists("Cluster", cluster, id.namespace())) {
            fail(id, "spec.cluster.name '" + cluster + "' names no CloudNativePG Cluster rendered here");
        }
    }

    private void checkPostgresPlugins(ResourceId id, JsonNode cluster) {
        for (JsonNode plugin : cluster.path("spec").path("plugins")) {
            JsonNode objectStore = plugin.path("parameters").path("barmanObjectName");
            if (!objectStore.isMissingNode() && !exists("ObjectStore", objectStore.asText(), id.namespace())) {
                fail(id, "plugin " + plugin.path("name").asText() + " names ObjectStore '" + objectStore.asText()
                        + "' that is not rendered here");
            }
        }
        JsonNode initdbSecret = cluster.path("spec").path("bootstrap").path("initdb").path("secret").path("name");
        if (!initdbSecret.isMissingNode() && !secrets.containsKey(initdbSecret.asText())) {
            fail(id, "spec.bootstrap.initdb.secret '" + initdbSecret.asText() + "' is not rendered here");
        }
    }

    /** A database's owner must be a role someone creates: a DatabaseRole, a managed role or the initdb owner. */
    private void checkDatabaseOwners() {
        Set<String> roles = new HashSet<>();
        for (JsonNode manifest : manifests) {
            switch (manifest.path("kind").asText()) {
                case "DatabaseRole" -> roles.add(manifest.path("spec").path("name").asText());
                case "Cluster" -> {
                    roles.add(manifest.path("spec").path("bootstrap").path("initdb").path("owner").asText());
                    manifest.path("spec").path("managed").path("roles").forEach(role -> roles.add(role.path("name").asText()));
                }
                default -> {
                }
            }
        }
        for (JsonNode manifest : manifests) {
            if (manifest.path("kind").asText().equals("Database")
                    && !roles.contains(manifest.path("spec").path("owner").asText())) {
                fail(ResourceId.of(manifest), "spec.owner '" + manifest.path("spec").path("owner").asText()
                        + "' is a role that nothing creates");
            }
            if (manifest.path("kind").asText().equals("DatabaseRole")) {
                JsonNode secret = manifest.path("spec").path("passwordSecret").path("name");
                if (!secret.isMissingNode() && !secrets.containsKey(secret.asText())) {
                    fail(ResourceId.of(manifest), "spec.passwordSecret '" + secret.asText() + "' is not rendered here");
                }
            }
        }
    }

    private boolean exists(String kind, String name, String namespace) {
        return manifests.stream().map(ResourceId::of)
                .anyMatch(other -> other.kind().equals(kind) && other.name().equals(name) && other.namespace().equals(namespace));
    }

    /** @param labelSelector a LabelSelector (matchLabels) if true, a plain label map (a Service's) if false */
    private List<JsonNode> podsSelectedBy(JsonNode selector, String namespace, boolean labelSelector) {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode manifest : manifests) {
            ResourceId id = ResourceId.of(manifest);
            if (!id.kind().equals("Deployment") || !id.namespace().equals(namespace)) {
                continue;
            }
            JsonNode template = manifest.path("spec").path("template");
            JsonNode labels = template.path("metadata").path("labels");
            boolean selected = labelSelector ? matches(selector, labels) : containsAll(labels, selector);
            if (selected && !selector.isEmpty()) {
                pods.add(template.path("spec"));
            }
        }
        return pods;
    }

    /** matchLabels only: matchExpressions are not used in EcoPlan's manifests, and refused rather than ignored. */
    private static boolean matches(JsonNode labelSelector, JsonNode labels) {
        if (labelSelector.has("matchExpressions")) {
            return false;
        }
        return containsAll(labels, labelSelector.path("matchLabels"));
    }

    private static boolean containsAll(JsonNode labels, JsonNode wanted) {
        var fields = wanted.fields();
        while (fields.hasNext()) {
            var label = fields.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Integer> declaredPorts(JsonNode container) {
        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode port : container.path("ports")) {
            ports.put(port.path("name").asText("#" + port.path("containerPort").asInt()), port.path("containerPort").asInt());
        }
        return ports;
    }

    private static Map<String, Integer> podPorts(JsonNode pod) {
        Map<String, Integer> ports = new HashMap<>();
        StreamSupport.stream(pod.path("containers").spliterator(), false).forEach(c -> ports.putAll(declaredPorts(c)));
        return ports;
    }

    /** A port given as a name must be a declared name; given as a number, a declared number. */
    private static boolean isDeclared(JsonNode port, Map<String, Integer> declared) {
        return port.isInt() ? declared.containsValue(port.asInt()) : declared.containsKey(port.asText());
    }

    private void fail(ResourceId id, String message) {
        violations.add(new Violation(id, message));
    }
}
