package org.ecoplan.notification.webhook;

import java.util.regex.Pattern;

/**
 * How an IPv4 address may be written in a webhook URL. Resolvers disagree about numeric hosts: C's
 * {@code inet_aton} reads {@code 0177.0.0.1} as octal 127.0.0.1, Java as decimal 177.0.0.1, and both accept
 * {@code 127.1}, {@code 0x7f.1} and {@code 2130706433}. Only the one form every reader agrees on is accepted:
 * four decimal numbers 0-255 without leading zeros. Any other host that a URL parser (WHATWG: the last label
 * is a number) would take for an IPv4 address is refused instead of guessed at.
 */
final class Ipv4Text {

    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    private Ipv4Text() {
    }

    /** Whether a URL parser would read {@code host} as an IPv4 address (WHATWG "ends in a number"). */
    static boolean looksNumeric(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1);
        return !last.isEmpty() && NUMBER.matcher(last).matches();
    }

    /** Four decimal numbers 0-255 without leading zeros, nothing else (no trailing dot). */
    static boolean isCanonical(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!OCTET.matcher(part).matches() || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The address of a canonical dotted quad. */
    static byte[] bytes(String canonical) {
        String[] parts = canonical.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }
}
