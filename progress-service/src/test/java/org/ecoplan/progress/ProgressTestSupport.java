package org.ecoplan.progress;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What the progress tests share: the real seed catalogue in the replica, tokens, and report bodies. Tests share
 * one database and broker, so each test works on measures no other test touches: {@link #envLedMeasure(int)}
 * with an index of its own (the index plan is in the test classes' comments).
 */
public abstract class ProgressTestSupport {

    protected static final String ENV_REPORTER = bearer("reporter", "ENV", "zhang.wei");
    protected static final String ENV_COLLEAGUE = bearer("reporter", "ENV", "li.na");
    protected static final String WATER_REPORTER = bearer("reporter", "WATER", "wang.fang");
    protected static final String TRANSPORT_REPORTER = bearer("reporter", "TRANSPORT", "zhao.lei");
    protected static final String SUPERVISOR = bearer("supervisor", "ENV", "chen.jing");

    @Inject
    protected CatalogueReplica replica;

    @BeforeEach
    void catalogueIsReplicated() {
        SeedCatalogue.publishOnce();
        int expected = SeedCatalogue.measures().size();
        await().atMost(Duration.ofSeconds(60)).until(() -> replica.count(MeasureState.class) >= expected);
    }

    protected static String bearer(String role, String department, String subject) {
        return "Bearer " + Tokens.token(Set.of(role), department, subject);
    }

    /**
     * The {@code index}-th seed measure led by ENV, due 2026-12-31, on which WATER and no group has a role (so no
     * subdistrict reports on it in another test). 54 exist; each
     * test uses its own index so that official statuses and monthly periods never collide between tests.
     */
    protected static MeasureState envLedMeasure(int index) {
        List<MeasureState> measures = SeedCatalogue.measures().stream()
                .filter(m -> hasRole(m, "LEAD", "ENV") && m.deadline().end() != null
                        && m.deadline().end().toString().equals("2026-12-31")
                        && m.assignments().stream().noneMatch(a -> "WATER".equals(a.departmentCode()) || a.groupCode() != null))
                .toList();
        return measures.get(index);
    }

    protected static MeasureState seedMeasure(Predicate<MeasureState> matching) {
        return SeedCatalogue.measure(matching);
    }

    protected static boolean hasRole(MeasureState measure, String role, String code) {
        for (Assignment assignment : measure.assignments()) {
            if (role.equals(assignment.role()) && (code.equals(assignment.departmentCode()) || code.equals(assignment.groupCode()))) {
                return true;
            }
        }
        return false;
    }

    protected static String monthly(String measureId, String period, String status, int percent, boolean submit) {
        return """
                {"measureId":"%s","kind":"MONTHLY","period":"%s","status":"%s","percentComplete":%d,
                 "narrative":"已完成重点企业治理设施升级改造，其余正在施工。","measuredValues":[{"name":"完成企业数","value":12,"unit":"家"}],
                 "clientTimestamp":"2026-05-28T01:15:00Z","submit":%s}""".formatted(measureId, period, status, percent, submit);
    }

    protected static String adHoc(String measureId, String status, int percent, boolean submit) {
        return """
                {"measureId":"%s","kind":"AD_HOC","status":"%s","percentComplete":%d,"narrative":"现场检查发现新问题","submit":%s}"""
                .formatted(measureId, status, percent, submit);
    }

    protected static RequestSpecification as(String token) {
        return given().header("Authorization", token).header("User-Agent", "EcoPlanApp/2.3 (Android 14)")
                .header("X-Client-Id", "phone-test");
    }

    protected static Response post(String token, String path, String body) {
        return as(token).contentType(ContentType.JSON).body(body).when().post(path);
    }

    /** Creates a report and answers its JSON; fails the test unless it was created. */
    protected static JsonPath created(String token, String body) {
        return post(token, "/reports", body).then().statusCode(201).extract().jsonPath();
    }

    protected static String etag(JsonPath report) {
        return "\"" + report.getLong("revision") + "\"";
    }

    protected static JsonPath action(String token, String reportId, String action, String etag, String body) {
        var request = as(token).header("If-Match", etag);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().post("/reports/{id}/" + action, reportId).then().statusCode(200).extract().jsonPath();
    }

    /** An event about the measure that names the report (as reportId or basedOnReportId). */
    protected static boolean mentions(ConsumerRecord<String, String> record, String measureId, String reportId) {
        return measureId.equals(record.key()) && record.value() != null && record.value().contains(reportId);
    }

    protected static String type(ConsumerRecord<String, String> record) {
        return EventReader.header(record, "ce_type").orElse("");
    }

    protected static long reportCount(String token, String measureId) {
        return as(token).queryParam("measure", measureId).when().get("/reports").then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
    }
}
