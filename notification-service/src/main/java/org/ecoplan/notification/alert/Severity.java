package org.ecoplan.notification.alert;

/** The bureau's three-colour escalation, plus INFO for workflow notices. */
public enum Severity {
    BLUE,
    YELLOW,
    RED,
    INFO
}
