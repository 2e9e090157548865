package org.ecoplan.plan.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What platform/web refuses before or around the endpoints, seen on plan-service: every refusal is a
 * problem+json naming what is wrong.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructureResource.class)
class HttpEdgeTest {

    private static final String ADMIN = Tokens.bearer("admin", "ENV");
    private static final String PROBLEM = "application/problem+json";

    @Test
    void answersAnOverlongUrlWithAProblem() {
        given().urlEncodingEnabled(false).get("/plans?district=" + "x".repeat(9000)).then().statusCode(414)
                .contentType(PROBLEM).body("status", equalTo(414));
    }

    @Test
    void answersABodyLargerThanTheLimitWithAProblem() throws Exception {
        // plan-service takes bodies up to 5 MB (quarkus.http.limits.max-body-size); the answer comes before the body.
        String answer = exchange("POST /imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ADMIN
                + "\r\nContent-Type: text/plain\r\nContent-Length: 6291456\r\n\r\n", null);
        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"status\":413");
    }

    @Test
    void answersAStreamedBodyLargerThanTheLimitWith413() throws Exception {
        // Without Content-Length the size is known only while reading, and Quarkus then answers (bare) and closes
        // the connection itself: the one 413 that is not a problem document (see the README).
        String answer = exchange("POST /imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ADMIN
                + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n", out -> {
                    byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 6; i++) {
                        out.write(chunk);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
    }

    @Test
    void refusesAQueryOrPathThatIsNotUtf8NamingIt() {
        given().urlEncodingEnabled(false).get("/plans?district=%ED%A0%80").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("district"));
        given().urlEncodingEnabled(false).get("/plans?year=2026&district=x%C3").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("district"));
        given().urlEncodingEnabled(false).get("/departments/%ED%A0%80").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("path"));
    }

    @Test
    void refusesNulInAParameterNamingIt() {
        given().urlEncodingEnabled(false).get("/plans?district=a%00b").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("district"));
        given().urlEncodingEnabled(false).get("/departments/EN%00V").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("code"));
    }

    @Test
    void refusesUnparseableParametersWith400InsteadOf404() {
        given().get("/plans?size=abc").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("size"));
        given().get("/plans?year=2026.5").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("year"));
        given().get("/plans/not-a-uuid").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("id"));
        given().header("Authorization", ADMIN).get("/imports?limit=1e3").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void boundsPageNumbersSoThatNoOffsetOverflows() {
        for (String page : new String[] { "2147483647", "1000001", "-1" }) {
            given().get("/measures?page=" + page).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("page"));
        }
        given().get("/measures?page=1000000&size=500").then().statusCode(200).body("items.size()", equalTo(0));
        given().get("/plans?year=2147483647").then().statusCode(400).body("errors[0].field", equalTo("year"));
    }

    @Test
    void refusesABodyWithoutAContentType() throws Exception {
        String answer = exchange("PATCH /measures/" + UUID.randomUUID() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + ADMIN + "\r\nIf-Match: \"1\"\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"text\":\"x\"}", null);
        assertThat(answer).startsWith("HTTP/1.1 415").contains("application/problem+json")
                .contains("\"field\":\"Content-Type\"");
    }

    @Test
    void refusesAWeakIfMatchAsNotMatching() {
        String measure = given().get("/measures?size=1").then().extract().path("items[0].id");
        String etag = given().get("/measures/{id}", measure).then().statusCode(200).extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", "W/" + etag).contentType("application/json")
                .body("{\"reason\":\"弱校验\",\"text\":\"不应写入\"}").patch("/measures/{id}", measure).then().statusCode(412)
                .contentType(PROBLEM).body("detail", startsWith("If-Match W/"));
        given().get("/measures/{id}", measure).then().header("ETag", etag);
    }

    @Test
    void letsTheOperatorsNetworkReadTheMetrics() {
        // Tests call from loopback, which ecoplan.metrics.allowed-networks allows by default.
        given().get("/q/metrics").then().statusCode(200);
    }

    /**
     * One request written byte for byte on a socket (clients fix what these tests break); the raw answer, read
     * until the server closes the connection.
     */
    private static String exchange(String head, BodyWriter body) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                try {
                    body.write(out);
                } catch (IOException e) {
                    // The server answered and closed before the whole body was sent: that is the point.
                }
            }
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    answer.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // A reset after the answer was read.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }
}
