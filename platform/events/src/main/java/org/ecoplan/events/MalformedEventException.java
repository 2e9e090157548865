package org.ecoplan.events;

/** A Kafka record that is not a CloudEvent of ours: a header is missing or a value cannot be read. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
