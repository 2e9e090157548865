package org.ecoplan.archfixture.resources.alpha.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A resource in its feature's api package: allowed. */
@Path("/placed")
public class PlacedResource {

    @GET
    public String get() {
        return "placed";
    }
}
