package org.ecoplan.notification.inbox;

/** How an inbox receives alerts: one message each, or one digest a day. */
public enum Delivery {
    IMMEDIATE,
    DAILY_DIGEST
}
