package org.ecoplan.k8s;

/** One thing wrong with one rendered manifest. */
public record Violation(ResourceId resource, String message) {

    @Override
    public String toString() {
        return resource + ": " + message;
    }
}
