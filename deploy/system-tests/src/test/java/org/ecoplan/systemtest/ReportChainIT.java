package org.ecoplan.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ecoplan.launcher.LocalService;
import org.ecoplan.systemtest.RunningEcoPlan.Eventually;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One report's way through the four packaged services, driven only through HTTP (and read back through a signed
 * webhook): a reporter of 区生态环境局 (ENV) files and submits, a supervisor approves; another report is returned.
 * Then progress-service shows the official status, indicator-service's roll-up of ENV moves, notification-service
 * raises the alert for the returned report and puts it into the reporter's and the department's inboxes, and the
 * integrator's webhook receiver gets every event, each signed as Standard Webhooks prescribes.
 * The successor of {@code deploy/smoke-test.sh}.
 */
@ExtendWith(EcoPlanExtension.class)
@Order(1)
class ReportChainIT {

    private static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(60);
    private static final String DEPARTMENT = "ENV";

    @Test
    void aFiledReportReachesStatusRollupAlertInboxAndSignedWebhook(RunningEcoPlan ecoplan) throws Exception {
        Http http = ecoplan.http();
        String reporter = ecoplan.token("reporter", DEPARTMENT, "chain.reporter");
        String supervisor = ecoplan.token("supervisor", null, "chain.supervisor");
        String integrator = ecoplan.token("integrator", null, "chain.integrator");
        String run = UUID.randomUUID().toString();

        try (WebhookReceiver receiver = new WebhookReceiver(ecoplan.mapper())) {
            JsonNode created = http.post(ecoplan.uri(LocalService.NOTIFICATION, "/webhooks/subscriptions"), integrator,
                    Map.of("url", receiver.url().toString(), "description", "system test " + run,
                            "eventTypes", List.of("PROGRESS", "NOTIFICATION"), "departmentCode", DEPARTMENT),
                    null, Map.of()).expect(201).json();
            receiver.secret(created.path("secret").asText());
            String subscription = created.path("subscription").path("id").asText();

            List<String> measures = measuresWithoutReports(ecoplan, reporter, 2);
            String approvedMeasure = measures.get(0);
            String returnedMeasure = measures.get(1);
            // The catalogue copies are complete when the stack is up; the roll-ups follow a few seconds later (catalogue
            // changes are gathered and their scopes recomputed together). Wait until ENV's roll-up counts exactly the
            // measures progress-service lists for ENV to lead or be responsible for: the two services agree first.
            long accountable = accountableMeasures(ecoplan, reporter);
            JsonNode rollupBefore = Eventually.awaitValue("indicator-service's roll-up of ENV counts the " + accountable
                    + " measures ENV leads or is responsible for", EFFECT_TIMEOUT, () -> {
                        JsonNode now = rollup(ecoplan);
                        return now.path("measures").asLong() == accountable ? now : null;
                    });

            // COMPLETED moves ENV's roll-up whatever today's date: at risk, on track and overdue depend on it.
            Filed approved = file(ecoplan, reporter, approvedMeasure, "COMPLETED", 100, run + "-approved");
            http.post(ecoplan.uri(LocalService.PROGRESS, "/reports/" + approved.id() + "/approve"), supervisor, null,
                    run + "-approve", Map.of("If-Match", approved.etag())).expect(200);
            Filed returned = file(ecoplan, reporter, returnedMeasure, "ON_TRACK", 50, run + "-returned");
            http.post(ecoplan.uri(LocalService.PROGRESS, "/reports/" + returned.id() + "/return"), supervisor,
                    Map.of("reason", "请补充现场照片"), run + "-return", Map.of("If-Match", returned.etag())).expect(200);

            // progress-service: the approved report is the measure's official status; the returned one sets nothing.
            JsonNode status = http.get(ecoplan.uri(LocalService.PROGRESS, "/measures/" + approvedMeasure + "/status"),
                    supervisor).expect(200).json();
            assertThat(status.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(status.path("basedOnReportId").asText()).isEqualTo(approved.id());

            // indicator-service: ENV's roll-up counts one more completed measure, and its scorecard shows the status.
            int completedBefore = rollupBefore.path("completed").asInt();
            JsonNode rollupAfter = Eventually.awaitValue("indicator-service's roll-up of ENV counts " + (completedBefore + 1)
                    + " completed measures", EFFECT_TIMEOUT, () -> {
                        JsonNode now = rollup(ecoplan);
                        return now.path("completed").asInt() == completedBefore + 1 ? now : null;
                    });
            assertThat(rollupAfter.path("sequence").asLong()).isGreaterThan(rollupBefore.path("sequence").asLong());
            assertThat(rollupAfter.path("measures").asInt()).isEqualTo(rollupBefore.path("measures").asInt());
            assertThat(scorecardStatuses(ecoplan).get(approvedMeasure)).isEqualTo("COMPLETED");
            assertThat(scorecardStatuses(ecoplan).get(returnedMeasure)).isEqualTo("NOT_STARTED");

            // notification-service: one alert for the returned report, in the reporter's and the department's inbox.
            JsonNode alert = Eventually.awaitValue("notification-service raises REPORT_RETURNED for " + returned.id(),
                    EFFECT_TIMEOUT, () -> {
                        JsonNode alerts = http.get(ecoplan.uri(LocalService.NOTIFICATION,
                                "/alerts?rule=REPORT_RETURNED&subject=" + returned.id()), supervisor).expect(200).json();
                        return alerts.path("totalItems").asLong() == 0 ? null : alerts;
                    });
            assertThat(alert.path("totalItems").asLong()).isEqualTo(1);
            assertThat(alert.path("items").get(0).path("departments").toString()).contains(DEPARTMENT);
            String alertId = alert.path("items").get(0).path("id").asText();
            Eventually.await("the returned report's message in the reporter's own and ENV's inbox", EFFECT_TIMEOUT, () -> {
                JsonNode messages = http.get(ecoplan.uri(LocalService.NOTIFICATION,
                        "/inbox/messages?rule=REPORT_RETURNED&subject=" + returned.id()), reporter).expect(200).json();
                List<String> boxes = new ArrayList<>();
                messages.path("items").forEach(message -> boxes.add(message.path("box").asText() + ":" + message.path("owner").asText()));
                return boxes.stream().sorted().toList().equals(List.of("DEPARTMENT:ENV", "USER:chain.reporter")) ? null
                        : "inboxes " + boxes;
            });
            JsonNode none = http.get(ecoplan.uri(LocalService.NOTIFICATION,
                    "/alerts?rule=REPORT_RETURNED&subject=" + approved.id()), supervisor).expect(200).json();
            assertThat(none.path("totalItems").asLong()).as("no alert for the approved report").isZero();

            // The integrator's receiver: every event about ENV's two reports, and the alert, each signed.
            Set<String> expected = Set.of(
                    "progress.report-submitted.v1 " + approved.id(), "progress.report-approved.v1 " + approved.id(),
                    "progress.measure-status-changed.v1 " + approvedMeasure,
                    "progress.report-submitted.v1 " + returned.id(), "progress.report-returned.v1 " + returned.id(),
                    "notification.alert-raised.v1 " + alertId);
            Eventually.await("signed webhook deliveries of " + expected, EFFECT_TIMEOUT, () -> {
                Set<String> got = receiver.received().stream().filter(WebhookReceiver.Received::valid)
                        .map(ReportChainIT::describe).collect(Collectors.toSet());
                return got.containsAll(expected) ? null : "received " + got;
            });
            assertThat(receiver.received()).as("every request to the receiver carries a valid signature")
                    .allSatisfy(request -> assertThat(request.problem()).isNull());
            Map<String, Set<String>> webhookIdsByEvent = receiver.received().stream().collect(Collectors.groupingBy(
                    WebhookReceiver.Received::eventId, Collectors.mapping(WebhookReceiver.Received::webhookId, Collectors.toSet())));
            assertThat(webhookIdsByEvent).as("one delivery (webhook-id) per event").allSatisfy((event, ids) -> assertThat(ids).hasSize(1));
            JsonNode log = http.get(ecoplan.uri(LocalService.NOTIFICATION, "/webhooks/subscriptions/" + subscription
                    + "/deliveries?size=500"), integrator).expect(200).json();
            assertThat(log.path("totalItems").asLong()).isEqualTo(webhookIdsByEvent.size());

            System.out.printf("Report chain: report %s approved, report %s returned; roll-up of ENV at sequence %d; "
                    + "alert %s; %d signed webhook deliveries%n", approved.id(), returned.id(), rollupAfter.path("sequence").asLong(),
                    alertId, webhookIdsByEvent.size());
        }
    }

    /** ENV's measures that it leads or is responsible for and that nobody has reported on yet. */
    private static long accountableMeasures(RunningEcoPlan ecoplan, String reporter) {
        JsonNode todo = ecoplan.http().get(ecoplan.uri(LocalService.PROGRESS, "/departments/" + DEPARTMENT + "/todo"),
                reporter).expect(200).json();
        Set<String> accountable = new HashSet<>();
        for (JsonNode item : todo.path("measures")) {
            String role = item.path("role").asText();
            if (role.equals("LEAD") || role.equals("RESPONSIBLE")) {
                accountable.add(item.path("measureId").asText());
            }
        }
        assertThat(accountable).as("measures ENV leads or is responsible for").isNotEmpty();
        return accountable.size();
    }

    private static List<String> measuresWithoutReports(RunningEcoPlan ecoplan, String reporter, int count) {
        JsonNode todo = ecoplan.http().get(ecoplan.uri(LocalService.PROGRESS, "/departments/" + DEPARTMENT + "/todo"),
                reporter).expect(200).json();
        List<String> found = new ArrayList<>();
        for (JsonNode item : todo.path("measures")) {
            String role = item.path("role").asText();
            if ((role.equals("LEAD") || role.equals("RESPONSIBLE")) && item.path("status").asText().equals("NOT_STARTED")) {
                String measure = item.path("measureId").asText();
                long reports = ecoplan.http().get(ecoplan.uri(LocalService.PROGRESS, "/reports?size=1&measure=" + measure),
                        reporter).expect(200).json().path("totalItems").asLong();
                if (reports == 0) {
                    found.add(measure);
                }
            }
            if (found.size() == count) {
                return found;
            }
        }
        throw new AssertionError("ENV has fewer than " + count + " measures without reports: " + found);
    }

    private static Filed file(RunningEcoPlan ecoplan, String reporter, String measure, String status, int percent,
            String idempotencyKey) {
        Http.Response response = ecoplan.http().post(ecoplan.uri(LocalService.PROGRESS, "/reports"), reporter,
                Map.of("measureId", measure, "kind", "AD_HOC", "status", status, "percentComplete", percent,
                        "narrative", "系统测试：" + status, "submit", true),
                idempotencyKey, Map.of()).expect(201);
        return new Filed(response.json().path("id").asText(), response.header("ETag").orElseThrow());
    }

    private static JsonNode rollup(RunningEcoPlan ecoplan) {
        return ecoplan.http().get(ecoplan.uri(LocalService.INDICATOR, "/rollups/DEPARTMENT/" + DEPARTMENT), null)
                .expect(200).json();
    }

    private static Map<String, String> scorecardStatuses(RunningEcoPlan ecoplan) {
        JsonNode scorecard = ecoplan.http().get(ecoplan.uri(LocalService.INDICATOR, "/departments/" + DEPARTMENT + "/scorecard"),
                null).expect(200).json();
        Map<String, String> statuses = new HashMap<>();
        scorecard.path("measures").forEach(line -> statuses.put(line.path("measureId").asText(), line.path("status").asText()));
        return statuses;
    }

    /** "event type" + the report, measure or alert it is about. */
    private static String describe(WebhookReceiver.Received request) {
        JsonNode data = request.body().path("data");
        String about = data.hasNonNull("reportId") ? data.path("reportId").asText()
                : data.hasNonNull("alertId") ? data.path("alertId").asText() : data.path("measureId").asText();
        return request.type() + " " + about;
    }

    private record Filed(String id, String etag) {
    }
}
