package org.ecoplan.notification.inbox;

/** ALERT: one alert; DIGEST: a day's alerts of an inbox that takes a daily digest; NOTICE: anything else. */
public enum MessageKind {
    ALERT,
    DIGEST,
    NOTICE
}
