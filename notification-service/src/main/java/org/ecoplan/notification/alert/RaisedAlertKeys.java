package org.ecoplan.notification.alert;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keys of alerts known to exist, so that a tick does not send hundreds of inserts that would conflict
 * anyway. Only a shortcut: the unique key in the database is what guarantees "once"; after a restart this
 * is empty and the database answers. Keys are added only after the raising transaction committed.
 */
@ApplicationScoped
public class RaisedAlertKeys {

    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    public boolean known(String key) {
        return keys.contains(key);
    }

    void rememberAll(Collection<String> committed) {
        keys.addAll(committed);
    }

    /** Forgets everything, as a restart does. */
    public void clear() {
        keys.clear();
    }
}
