package org.ecoplan.web.metrics;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency histograms of every service's HTTP requests ({@code http_server_requests_seconds_bucket{method,uri,status,le}}),
 * so that an operator computes percentiles across replicas with {@code histogram_quantile} and alerts on the share
 * of requests slower than an objective. Quarkus has no setting for this; a Micrometer filter gives the timer its
 * service-level objective buckets ({@code ecoplan.metrics.http-server.slo}), and nothing else changes.
 */
@Singleton
public class HttpLatencyHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    private final List<Duration> objectives;

    HttpLatencyHistograms(@ConfigProperty(name = "ecoplan.metrics.http-server.slo",
            defaultValue = "25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s") List<Duration> objectives) {
        this.objectives = objectives.stream().sorted().toList();
    }

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        double[] nanos = objectives.stream().mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
