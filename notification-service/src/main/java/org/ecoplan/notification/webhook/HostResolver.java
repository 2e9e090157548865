package org.ecoplan.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks up a webhook host's addresses, once per check: the addresses it returns are the only ones checked
 * and the only ones connected to. Tests replace it to make a name answer what a rebinding DNS server would.
 */
@ApplicationScoped
public class HostResolver {

    /** @param name a DNS name, never a numeric address */
    public List<InetAddress> resolve(String name) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(name));
    }
}
