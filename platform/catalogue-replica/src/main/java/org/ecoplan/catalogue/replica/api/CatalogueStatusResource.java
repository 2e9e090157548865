package org.ecoplan.catalogue.replica.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/catalogue/status")
@Tag(name = "Catalogue replica", description = "This service's own copy of the plan catalogue")
public class CatalogueStatusResource {

    private final CatalogueReplica replica;

    CatalogueStatusResource(CatalogueReplica replica) {
        this.replica = replica;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    // Counts and a time stamp only: operators and monitors read it without a token.
    @PermitAll
    @Operation(operationId = "getCatalogueStatus", summary = "Entities held per type and the time of the last catalogue change")
    public CatalogueStatus status() {
        return replica.status();
    }
}
