package org.ecoplan.catalogue.contract;

/** A section ({@code level} 1, e.g. 一、共筑美丽蓝天) or subsection ({@code level} 2, e.g. （一）空气质量目标). */
public record SectionState(String id, long revision, String planId, String parentId, int level, String label,
        String title, int position) implements CatalogueState {
}
