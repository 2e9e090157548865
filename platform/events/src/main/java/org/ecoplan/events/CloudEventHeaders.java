package org.ecoplan.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding in binary mode: the event's
 * attributes travel as {@code ce_}-prefixed headers, its data as the record value.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** Our extension attribute: the kind of aggregate the event is about (e.g. {@code measure}). */
    public static final String AGGREGATE_TYPE = "ce_aggregatetype";
    /** The binding maps {@code datacontenttype} to the plain {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    public static Optional<String> read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
