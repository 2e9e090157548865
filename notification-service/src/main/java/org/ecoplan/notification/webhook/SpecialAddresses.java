package org.ecoplan.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses a webhook is never sent to: every block of the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries (private, loopback, link-local, carrier-grade NAT, unique-local, documentation, benchmarking,
 * multicast, broadcast, unspecified, reserved), and IPv6 outside global unicast (2000::/3). An IPv6 address
 * that carries an IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96, 6to4) is judged by that IPv4 address, since
 * a translator or relay would deliver to it; IPv4-compatible, local-use NAT64 and Teredo addresses are refused
 * whatever they carry.
 */
final class SpecialAddresses {

    private record Block(Network network, String name) {
    }

    // First match names the reason: the narrower blocks come before the ones that contain them.
    private static final List<Block> IPV4 = blocks(
            "255.255.255.255/32", "the limited broadcast address (RFC 919)",
            "0.0.0.0/8", "in \"this network\" 0.0.0.0/8 (RFC 791)",
            "10.0.0.0/8", "in a private network (RFC 1918)",
            "100.64.0.0/10", "in carrier-grade NAT space (RFC 6598)",
            "127.0.0.0/8", "loopback (RFC 1122)",
            "169.254.0.0/16", "link-local, where cloud metadata services live (RFC 3927)",
            "172.16.0.0/12", "in a private network (RFC 1918)",
            "192.0.0.0/24", "reserved for IETF protocol assignments (RFC 6890)",
            "192.0.2.0/24", "reserved for documentation, TEST-NET-1 (RFC 5737)",
            "192.31.196.0/24", "an AS112 DNS sink (RFC 7535)",
            "192.52.193.0/24", "reserved for AMT relays (RFC 7450)",
            "192.88.99.0/24", "the deprecated 6to4 relay anycast (RFC 7526)",
            "192.168.0.0/16", "in a private network (RFC 1918)",
            "192.175.48.0/24", "an AS112 DNS sink (RFC 7534)",
            "198.18.0.0/15", "reserved for benchmarking (RFC 2544)",
            "198.51.100.0/24", "reserved for documentation, TEST-NET-2 (RFC 5737)",
            "203.0.113.0/24", "reserved for documentation, TEST-NET-3 (RFC 5737)",
            "224.0.0.0/4", "multicast (RFC 5771)",
            "240.0.0.0/4", "reserved (RFC 1112)");

    private static final List<Block> IPV6 = blocks(
            "::1/128", "loopback (RFC 4291)",
            "::/128", "the unspecified address (RFC 4291)",
            "::/96", "an IPv4-compatible address, deprecated (RFC 4291)",
            "64:ff9b:1::/48", "a local-use NAT64 address (RFC 8215)",
            "100::/64", "discard-only (RFC 6666)",
            "100:0:0:1::/64", "in the dummy prefix (RFC 9780)",
            "2001:db8::/32", "reserved for documentation (RFC 3849)",
            "2001::/23", "reserved for IETF protocol assignments (RFC 2928)",
            "2620:4f:8000::/48", "an AS112 DNS sink (RFC 7534)",
            "3fff::/20", "reserved for documentation (RFC 9637)",
            "5f00::/16", "reserved for SRv6 segment identifiers (RFC 9602)",
            "fc00::/7", "in a unique-local network (RFC 4193)",
            "fe80::/10", "link-local (RFC 4291)",
            "fec0::/10", "site-local, deprecated (RFC 3879)",
            "ff00::/8", "multicast (RFC 4291)");

    private static final Network IPV4_MAPPED = Network.parse("::ffff:0:0/96");
    private static final Network NAT64 = Network.parse("64:ff9b::/96");
    private static final Network SIX_TO_FOUR = Network.parse("2002::/16");
    private static final Network TEREDO = Network.parse("2001::/32");
    private static final Network GLOBAL_UNICAST = Network.parse("2000::/3");

    private SpecialAddresses() {
    }

    /** Why no webhook may go to {@code address}, for people; empty when it is a public address. */
    static Optional<String> reason(InetAddress address) {
        return reason(address.getAddress());
    }

    static Optional<String> reason(byte[] bytes) {
        if (bytes.length == 4) {
            return match(IPV4, bytes);
        }
        if (IPV4_MAPPED.contains(bytes)) {
            return embedded(bytes, 12, "an IPv4-mapped address of ");
        }
        if (NAT64.contains(bytes)) {
            return embedded(bytes, 12, "a NAT64 address (RFC 6052) of ");
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return embedded(bytes, 2, "a 6to4 address (RFC 3056) of ");
        }
        if (TEREDO.contains(bytes)) {
            byte[] client = Arrays.copyOfRange(bytes, 12, 16);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return Optional.of("a Teredo tunnel address (RFC 4380) of client " + text(client) + " via server "
                    + text(Arrays.copyOfRange(bytes, 4, 8)) + "; tunnel addresses are refused");
        }
        Optional<String> special = match(IPV6, bytes);
        if (special.isPresent() || GLOBAL_UNICAST.contains(bytes)) {
            return special;
        }
        return Optional.of("outside IPv6 global unicast 2000::/3 (reserved or unassigned)");
    }

    private static Optional<String> embedded(byte[] bytes, int offset, String kind) {
        byte[] ipv4 = Arrays.copyOfRange(bytes, offset, offset + 4);
        return match(IPV4, ipv4).map(reason -> kind + text(ipv4) + ", " + reason);
    }

    private static Optional<String> match(List<Block> blocks, byte[] bytes) {
        return blocks.stream().filter(block -> block.network().contains(bytes)).findFirst().map(Block::name);
    }

    private static String text(byte[] ipv4) {
        try {
            return InetAddress.getByAddress(ipv4).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Block> blocks(String... cidrAndName) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < cidrAndName.length; i += 2) {
            blocks.add(new Block(Network.parse(cidrAndName[i]), cidrAndName[i + 1]));
        }
        return List.copyOf(blocks);
    }
}
