package org.ecoplan.web.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /q/metrics} tells whoever reads it how busy each service is, how far behind its consumers are and how
 * its outbox stands: the operator's business, not the internet's. It answers callers from
 * {@code ecoplan.metrics.allowed-networks} (CIDRs; loopback by default) and callers that send
 * {@code Authorization: Bearer <ecoplan.metrics.token>} (Prometheus' {@code authorization} setting), nobody
 * else. The path is matched before any other route, so no endpoint can open it by accident.
 */
@ApplicationScoped
public class MetricsAccess {

    private final String metricsPath;
    private final List<IpSubnetFilterRule> allowedNetworks;
    private final Optional<byte[]> token;
    private final ObjectMapper mapper;

    MetricsAccess(@ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String nonApplicationRoot,
            @ConfigProperty(name = "ecoplan.metrics.allowed-networks", defaultValue = "127.0.0.0/8,::1/128") List<String> allowedNetworks,
            @ConfigProperty(name = "ecoplan.metrics.token") Optional<String> token, ObjectMapper mapper) {
        String root = nonApplicationRoot.replaceAll("^/+|/+$", "");
        this.metricsPath = "/" + (root.isEmpty() ? "" : root + "/") + "metrics";
        this.allowedNetworks = allowedNetworks.stream().map(String::trim).filter(cidr -> !cidr.isEmpty() && !cidr.equals("none"))
                .map(MetricsAccess::network).toList();
        this.token = token.map(String::trim).filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(HttpEdge.ROUTE_ORDER - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.request().path();
        if (path == null || !(path.equals(metricsPath) || path.startsWith(metricsPath + "/"))) {
            context.next();
            return;
        }
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (token.isPresent() && MessageDigest.isEqual(token.get(),
                    authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
                context.next();
            } else {
                refuse(context, ProblemType.UNAUTHENTICATED, "the metrics token was rejected / 指标令牌无效");
            }
            return;
        }
        if (fromAllowedNetwork(context.request().remoteAddress())) {
            context.next();
            return;
        }
        refuse(context, ProblemType.FORBIDDEN, "metrics are readable from the operator's network or with the metrics token"
                + " / 仅运维网络或持有指标令牌可读取");
    }

    private boolean fromAllowedNetwork(SocketAddress remote) {
        if (remote == null || remote.hostAddress() == null) {
            return false;
        }
        InetAddress address;
        try {
            // An address literal from the connection: no name is looked up.
            address = InetAddress.getByName(remote.hostAddress());
        } catch (UnknownHostException e) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return allowedNetworks.stream().anyMatch(network -> network.matches(socket));
    }

    static IpSubnetFilterRule network(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        boolean ipv6 = address.contains(":");
        int prefix = slash < 0 ? (ipv6 ? 128 : 32) : Integer.parseInt(cidr.substring(slash + 1));
        try {
            return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ecoplan.metrics.allowed-networks: " + cidr + " is not a network (CIDR)", e);
        }
    }

    private void refuse(RoutingContext context, ProblemType type, String detail) {
        Log.debugf("Refused %s from %s", metricsPath, context.request().remoteAddress());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new Problem(type.uri(), type.title(), type.status(), detail, metricsPath, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
        var response = context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (type == ProblemType.UNAUTHENTICATED) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(Buffer.buffer(body));
    }
}
