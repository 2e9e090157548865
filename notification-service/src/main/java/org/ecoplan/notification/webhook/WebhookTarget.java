package org.ecoplan.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A webhook URL after its check: the addresses its host resolved to, every one of them acceptable. The
 * request goes to one of these addresses and to no other, with the URL's host as Host header, TLS server
 * name and the name the certificate must match.
 *
 * @param host      the URL's host as a TLS peer name: a DNS name or an IP address without brackets
 * @param authority the Host header: the host as written in the URL, with its port if the URL names one
 * @param path      the path and query to request
 * @param addresses checked, in the resolver's order of preference
 */
public record WebhookTarget(URI uri, String host, String authority, int port, boolean tls, String path,
        List<InetAddress> addresses) {
}
