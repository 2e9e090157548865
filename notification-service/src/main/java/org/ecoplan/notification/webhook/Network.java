package org.ecoplan.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR block such as {@code 127.0.0.0/8} or {@code fd00::/8}. An IPv6 block is kept as 16 bytes even when
 * its base is IPv4-mapped ({@code ::ffff:0:0/96}), which {@link InetAddress} would turn into an IPv4 address.
 */
record Network(byte[] base, int prefix) {

    static Network parse(String cidr) {
        String[] parts = cidr.strip().split("/", -1);
        try {
            if (parts.length > 2 || !parts[0].contains(":") && !Ipv4Text.isCanonical(parts[0])) {
                throw new IllegalArgumentException("not a network: " + cidr);
            }
            byte[] base = bytes(parts[0]);
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : base.length * 8;
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + cidr);
            }
            return new Network(base, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a network: " + cidr, e);
        }
    }

    /** The address's bytes; an IPv6 literal stays 16 bytes long. Only for literals: no name is looked up. */
    static byte[] bytes(String literal) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        if (literal.contains(":") && bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        }
        return bytes;
    }

    boolean contains(byte[] address) {
        if (address.length != base.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != base[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[full] & mask) == (base[full] & mask);
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }
}
