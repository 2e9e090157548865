package org.ecoplan.archfixture.resources.alpha;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A resource in a feature's domain package: the rule must name it. */
@Path("/stray")
public class StrayResource {

    @GET
    public String get() {
        return "stray";
    }
}
