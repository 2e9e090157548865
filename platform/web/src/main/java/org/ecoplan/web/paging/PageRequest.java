package org.ecoplan.web.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Page parameters shared by every list endpoint; bound with {@code @BeanParam}. The page number is bounded so
 * that the row offset (page × size) always fits an int, whatever the size: no list has that many rows, and an
 * unbounded page would overflow the offset deep in a query.
 */
public class PageRequest {

    public static final int MAX_SIZE = 500;
    public static final int MAX_PAGE = 1_000_000;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_PAGE, message = "must be at most " + MAX_PAGE)
    @Parameter(description = "Zero-based page index (0-" + MAX_PAGE + ")", example = "0")
    public int page;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "must be 1 or more")
    @Max(value = MAX_SIZE, message = "must be at most " + MAX_SIZE)
    @Parameter(description = "Items per page (1-" + MAX_SIZE + ")", example = "50")
    public int size;

    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest();
        request.page = page;
        request.size = size;
        return request;
    }

    public int offset() {
        return Math.multiplyExact(page, size);
    }
}
