package org.ecoplan.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.NoHttpResponseException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.ConnectionConfig;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;
import org.apache.http.message.BasicHttpRequest;
import org.apache.http.util.EntityUtils;

/**
 * Sends a {@link Variant} as written. Apache HttpClient (the one RestAssured uses) writes a raw request
 * target and header values without "fixing" them, which the JDK client and RestAssured's URL builder would.
 */
final class WireClient implements AutoCloseable {

    /** What came back. */
    record Answer(int status, String contentType, byte[] body) {
    }

    /** The status of an answer that never came: the connection was closed instead. */
    static final int NO_ANSWER = 0;

    private final HttpHost host;
    private final CloseableHttpClient client;

    WireClient(String host, int port) {
        this.host = new HttpHost(host, port, "http");
        RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(10_000).setSocketTimeout(60_000)
                .setRedirectsEnabled(false).build();
        // With a charset the client encodes header values as they are; without one it turns control
        // characters (a NUL) into '?', and the variant would not be sent.
        ConnectionConfig bytesAsWritten = ConnectionConfig.custom().setCharset(StandardCharsets.ISO_8859_1).build();
        this.client = HttpClients.custom().setDefaultRequestConfig(timeouts).setDefaultConnectionConfig(bytesAsWritten)
                .disableAutomaticRetries().setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE)
                .disableRedirectHandling().disableContentCompression().disableCookieManagement().build();
    }

    Answer send(Variant variant) {
        HttpRequest request;
        if (variant.body() != null) {
            var enclosing = new BasicHttpEntityEnclosingRequest(variant.method(), variant.target());
            ByteArrayEntity entity = new ByteArrayEntity(variant.body());
            if (variant.contentType() != null) {
                entity.setContentType(variant.contentType());
            }
            enclosing.setEntity(entity);
            request = enclosing;
        } else {
            request = new BasicHttpRequest(variant.method(), variant.target());
        }
        for (Map.Entry<String, String> header : variant.headers()) {
            request.addHeader(header.getKey(), header.getValue());
        }
        try (var response = client.execute(host, request)) {
            var contentType = response.getFirstHeader("Content-Type");
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            return new Answer(response.getStatusLine().getStatusCode(), contentType == null ? null : contentType.getValue(), body);
        } catch (NoHttpResponseException e) {
            // The server closed the connection without answering (its HTTP decoder refused the request).
            return new Answer(NO_ANSWER, null, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("Sending " + variant.describe() + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
