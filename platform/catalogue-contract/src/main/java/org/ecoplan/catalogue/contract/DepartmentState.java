package org.ecoplan.catalogue.contract;

/** A department of the registry, by its stable code (e.g. ENV = 区生态环境局). */
public record DepartmentState(String id, long revision, String code, String name, String kind)
        implements CatalogueState {
}
