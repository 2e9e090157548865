package org.ecoplan.catalogue.contract;

/** A key task (重点任务) with its number in its plan. */
public record TaskState(String id, long revision, String planId, String sectionId, int number, String name,
        int measureCount) implements CatalogueState {
}
