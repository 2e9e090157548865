package org.ecoplan.catalogue.contract;

import java.util.List;

/** A group such as 各街乡镇 (all 18 subdistricts and towns); an open group has no fixed members yet. */
public record DepartmentGroupState(String id, long revision, String code, String name, List<String> memberCodes)
        implements CatalogueState {
}
