package org.ecoplan.notification.alert;

import java.time.Instant;
import java.util.UUID;

/** An alert that was new and is now stored, with its id and time. */
public record RaisedAlert(UUID id, AlertDraft draft, Instant raisedAt) {
}
