package org.ecoplan.events;

/** A payload like the catalogue's: the entity's full state with its revision. */
public record MeasureChanged(String id, long revision, String name) {
}
