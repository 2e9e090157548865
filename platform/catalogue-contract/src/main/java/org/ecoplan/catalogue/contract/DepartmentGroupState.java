package org.ecoplan.catalogue.contract;

import java.util.List;

/**
 * A group such as 各街乡镇 (all 18 subdistricts and towns of 延庆区); an open group has no fixed members yet.
 *
 * @param district the district whose departments it gathers; null in events published before groups had districts
 */
public record DepartmentGroupState(String id, long revision, String code, String name, List<String> memberCodes,
        String district)
        implements CatalogueState {
}
