package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The history keeps what each action changed (a merge patch), not two full copies of the report, and still answers
 * every action with the report before and after (envLedMeasure 16).
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ReportHistoryStorageTest extends ProgressTestSupport {

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Test
    void storesEachActionsChangesAndAnswersTheReportBeforeAndAfterEveryAction() throws Exception {
        String measureId = envLedMeasure(18).id();
        JsonPath submitted = created(ENV_REPORTER, monthly(measureId, "2026-02", "ON_TRACK", 30, true));
        String id = submitted.getString("id");
        JsonPath returned = action(SUPERVISOR, id, "return", etag(submitted), "{\"reason\":\"请补充数据\"}");

        List<JsonNode> stored = storedChanges(UUID.fromString(id));
        assertThat(stored).hasSize(3);
        // The first action keeps the report as created; later ones only what they changed.
        assertThat(stored.get(0).path("state").asText()).isEqualTo("DRAFT");
        assertThat(stored.get(0).path("narrative").asText()).isNotEmpty();
        // (updatedAt too, unless both actions fell in the same microsecond.)
        assertThat(fieldNames(stored.get(1))).contains("state", "submittedAt", "revision")
                .isSubsetOf("state", "submittedAt", "revision", "updatedAt");
        assertThat(fieldNames(stored.get(2))).contains("state", "reviewedBy", "reviewedAt", "returnReason", "revision", "changeSeq")
                .isSubsetOf("state", "reviewedBy", "reviewedAt", "returnReason", "revision", "updatedAt", "changeSeq");

        JsonPath history = as(SUPERVISOR).get("/reports/{id}/history", id).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("action", String.class)).containsExactly("CREATED", "SUBMITTED", "RETURNED");
        assertThat(history.getMap("[0].before")).isNull();
        assertThat(history.getString("[0].after.state")).isEqualTo("DRAFT");
        assertThat(history.getMap("[1].before")).isEqualTo(history.getMap("[0].after"));
        assertThat(history.getString("[1].after.state")).isEqualTo("SUBMITTED");
        assertThat(history.getMap("[2].before")).isEqualTo(history.getMap("[1].after"));
        assertThat(history.getString("[2].before.reviewedBy")).isNull();
        // The last action's report is the report as it is now, field for field.
        JsonPath current = as(SUPERVISOR).get("/reports/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(history.getMap("[2].after")).isEqualTo(current.getMap("$"));
        assertThat(current.getString("returnReason")).isEqualTo(returned.getString("returnReason"));
        // Filed and submitted in one call: one change, so one position in the feed for both actions.
        assertThat(history.getLong("[0].after.changeSeq")).isEqualTo(history.getLong("[1].after.changeSeq"))
                .isEqualTo(submitted.getLong("changeSeq"));
        assertThat(history.getList("[0].after.measuredValues.value", Number.class)).hasSize(1);
    }

    private List<JsonNode> storedChanges(UUID reportId) throws SQLException, java.io.IOException {
        var changes = new ArrayList<JsonNode>();
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("select change::text from report_action where report_id = ? order by revision")) {
            select.setObject(1, reportId);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    changes.add(mapper.readTree(rows.getString(1)));
                }
            }
        }
        return changes;
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
