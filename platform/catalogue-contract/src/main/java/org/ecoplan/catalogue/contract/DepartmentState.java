package org.ecoplan.catalogue.contract;

/**
 * A department of the registry, by its stable code (e.g. ENV = 区生态环境局 of 延庆区; MY-ENV that of 密云区). Codes
 * are unique in the whole city, so a code alone names one department in every service.
 *
 * @param district the district it belongs to (e.g. 延庆区); null for a department of the city (市规划自然资源委延庆分局)
 *                 and in events published before departments had districts
 */
public record DepartmentState(String id, long revision, String code, String name, String kind, String district)
        implements CatalogueState {
}
