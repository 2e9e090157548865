package org.ecoplan.web.openapi;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.servers.Server;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Fills the document's {@code servers} at start-up from {@code ecoplan.openapi.servers} (a comma-separated list
 * of base URLs; default {@code /}: the host that served the document), so that Swagger UI and generated clients
 * know where to send requests, and an installation states its public address without a rebuild
 * ({@code ECOPLAN_OPENAPI_SERVERS=https://progress.ecoplan.example}).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ServersFilter implements OASFilter {

    static final String SERVERS_KEY = "ecoplan.openapi.servers";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        List<String> urls = ConfigProvider.getConfig().getOptionalValues(SERVERS_KEY, String.class).orElse(List.of());
        if (urls.isEmpty()) {
            return;
        }
        List<Server> servers = new ArrayList<>();
        for (String url : urls) {
            servers.add(OASFactory.createServer().url(url.trim()));
        }
        openAPI.setServers(servers);
    }
}
