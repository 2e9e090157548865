package org.ecoplan.notification.webhook;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.web.problem.ProblemException;

/**
 * Refuses webhook targets inside our own networks (server-side request forgery): a host that resolves to a
 * private, loopback, link-local, unique-local, any-local or multicast address is refused unless the address
 * lies in {@code ecoplan.webhooks.allowed-networks}. Checked when a subscription is created and again before
 * every delivery, since DNS answers change.
 */
@ApplicationScoped
public class TargetAddressPolicy {

    private final List<Network> allowed;

    TargetAddressPolicy(WebhookConfig config) {
        this.allowed = config.allowedNetworks().orElse(List.of()).stream()
                .filter(text -> !text.isBlank()).map(Network::parse).toList();
    }

    /** @throws ProblemException (400, field {@code url}) when the URL is malformed or its host is refused */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("url", "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw ProblemException.invalidField("url", "must be an absolute http or https URL");
        }
        if (uri.getUserInfo() != null) {
            throw ProblemException.invalidField("url", "must not carry credentials");
        }
        String refusal = refusal(uri.getHost());
        if (refusal != null) {
            throw ProblemException.invalidField("url", refusal);
        }
        return uri;
    }

    /** @return why the host is refused, or {@code null} if every address it resolves to is acceptable */
    public String refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "host " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            if (internal(address) && allowed.stream().noneMatch(network -> network.contains(address))) {
                return "resolves to " + address.getHostAddress()
                        + ", a private, loopback or link-local address; an administrator must allow-list it";
            }
        }
        return null;
    }

    private static boolean internal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierGradeNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal || carrierGradeNat;
    }

    /** A CIDR block such as {@code 127.0.0.0/8} or {@code fd00::/8}. */
    record Network(byte[] base, int prefix) {

        static Network parse(String cidr) {
            String[] parts = cidr.trim().split("/");
            try {
                byte[] base = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : base.length * 8;
                return new Network(base, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("ecoplan.webhooks.allowed-networks: not a network: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != base.length) {
                return false;
            }
            int bits = bytes.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, base).and(mask));
        }
    }
}
