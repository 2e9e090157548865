package org.ecoplan.k8s;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonParseException;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * Checks built-in Kubernetes objects against the API's schema, through the official Java client's models:
 * they are generated from the API server's OpenAPI document, and reading one refuses a field the API does
 * not define, a missing required field and a value of the wrong type (e.g. {@code replicas: "two"}).
 */
final class KubernetesApiSchemas {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/Secret", V1Secret.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("v1/ServiceAccount", V1ServiceAccount.class),
            Map.entry("v1/Namespace", V1Namespace.class),
            Map.entry("v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("apps/v1/StatefulSet", V1StatefulSet.class),
            Map.entry("apps/v1/DaemonSet", V1DaemonSet.class),
            Map.entry("batch/v1/Job", V1Job.class),
            Map.entry("batch/v1/CronJob", V1CronJob.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", V1Ingress.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", V1Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding.class));

    boolean knows(ResourceId id) {
        return MODELS.containsKey(id.apiVersion() + "/" + id.kind());
    }

    List<String> validate(JsonNode manifest) {
        ResourceId id = ResourceId.of(manifest);
        return read(manifest, MODELS.get(id.apiVersion() + "/" + id.kind())).map(List::of).orElse(List.of());
    }

    /** Custom resources' metadata is the API server's ObjectMeta, not part of their CRD's schema. */
    List<String> validateMetadata(JsonNode metadata) {
        return read(metadata, V1ObjectMeta.class).map(message -> "metadata: " + message).map(List::of).orElse(List.of());
    }

    private static Optional<String> read(JsonNode node, Class<?> model) {
        try {
            JSON.getGson().fromJson(node.toString(), model);
            return Optional.empty();
        } catch (IllegalArgumentException | JsonParseException | IllegalStateException e) {
            return Optional.of(shorten(e));
        }
    }

    /** The client's messages end with the whole offending JSON object; the field and type say enough. */
    private static String shorten(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() instanceof NumberFormatException number) {
            message = "a number was expected: " + number.getMessage() + " (" + message + ")";
        }
        int json = message.indexOf(" JSON: ");
        return json < 0 ? message : message.substring(0, json);
    }
}
