package org.ecoplan.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses webhook targets inside our own networks (server-side request forgery). A URL's host is resolved
 * once; every address it resolves to must be public ({@link SpecialAddresses}) or lie in
 * {@code ecoplan.webhooks.allowed-networks}, and the request is then sent to one of exactly these addresses
 * ({@link WebhookTarget}), so a DNS answer that changes between check and connection cannot lead elsewhere.
 * Numeric hosts in any form but four plain decimal numbers are refused rather than guessed at
 * ({@link Ipv4Text}). Checked when a subscription is created and again at every delivery attempt.
 */
@ApplicationScoped
public class TargetAddressPolicy {

    private final List<Network> allowed;
    private final HostResolver resolver;

    TargetAddressPolicy(WebhookConfig config, HostResolver resolver) {
        this.allowed = config.allowedNetworks().orElse(List.of()).stream()
                .filter(text -> !text.isBlank()).map(Network::parse).toList();
        this.resolver = resolver;
    }

    /** Why a URL is no webhook target, for people; the message names the address and the range. */
    public static class RefusedTarget extends Exception {

        RefusedTarget(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Parses the URL, resolves its host once and checks every address.
     *
     * @throws RefusedTarget when the URL is malformed, its host is written ambiguously, does not resolve, or
     *                       any of its addresses is refused
     */
    public WebhookTarget resolve(String url) throws RefusedTarget {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedTarget("must be an absolute http or https URL with a host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("must not carry credentials");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new RefusedTarget("port must be 1-65535");
        }
        String host = uri.getHost();
        String peerHost;
        boolean named = false;
        List<InetAddress> addresses;
        if (host.startsWith("[")) {
            peerHost = host.substring(1, host.length() - 1);
            if (peerHost.contains("%")) {
                throw new RefusedTarget("must not name a network interface (IPv6 zone " + peerHost.substring(peerHost.indexOf('%')) + ")");
            }
            addresses = List.of(literal(peerHost));
        } else if (Ipv4Text.looksNumeric(host)) {
            if (!Ipv4Text.isCanonical(host)) {
                throw new RefusedTarget("host " + host + " is a numeric address in an ambiguous form (octal, hexadecimal,"
                        + " shortened or a single number, read differently by different resolvers); write it as four"
                        + " decimal numbers without leading zeros, e.g. 93.184.216.34 / 请用标准点分十进制IP地址");
            }
            peerHost = host;
            addresses = List.of(address(Ipv4Text.bytes(host)));
        } else {
            peerHost = host;
            named = true;
            try {
                addresses = List.copyOf(resolver.resolve(host));
            } catch (UnknownHostException e) {
                throw new RefusedTarget("host " + host + " does not resolve / 域名无法解析");
            }
            if (addresses.isEmpty()) {
                throw new RefusedTarget("host " + host + " does not resolve / 域名无法解析");
            }
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = refusal(address);
            if (reason.isPresent()) {
                throw new RefusedTarget((named ? host + " resolves to " + address.getHostAddress() + ", " : host + " is ")
                        + reason.get() + "; an administrator must allow-list the network / 目标地址为内网或保留地址");
            }
        }
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String authority = host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return new WebhookTarget(uri, peerHost, authority, port, tls, path, addresses);
    }

    private Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        return SpecialAddresses.reason(address);
    }

    /** An IPv6 literal from the URL (the URI parser has checked its syntax); no name is looked up. */
    private static InetAddress literal(String text) throws RefusedTarget {
        try {
            return InetAddress.getByAddress(Network.bytes(text));
        } catch (UnknownHostException e) {
            throw new RefusedTarget("host [" + text + "] is not an IPv6 address");
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
