package org.ecoplan.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.ecoplan.launcher.LocalService;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One delivery state per measure, the same in every service (issue 10): the packaged services are walked
 * together through the plan year by their business clocks (PUT /admin/clock), reports are filed and approved
 * for a sample of the seed's measures on a handful of dates, progress-service's daily assessment and
 * notification-service's rules run on each date, and then, for every measure of the catalogue,
 * progress-service's status, notification-service's copy and indicator-service's overview state the same delivery
 * state, every measure that is overdue or behind pace has the alert for it, and the overview's counts are the
 * totals of its lists. The sample's states are those the README's rule gives.
 *
 * <p>Runs after the other system tests (it moves the clocks; they are set back to the system time at the end),
 * on measures nobody has reported on.
 */
@ExtendWith(EcoPlanExtension.class)
@Order(3)
class DeliveryAgreementIT {

    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final String OVERVIEW = "/overview";
    /** The seed plan (延庆区 2026), whatever year the walked date is in. */
    private static final String SEED_PLAN = "district=" + URLEncoder.encode("延庆区", StandardCharsets.UTF_8) + "&year=2026";
    private static final List<String> ALL_STATES = List.of("NOT_DUE", "ON_TRACK", "BEHIND_PACE", "AT_RISK", "OVERDUE",
            "COMPLETED_ON_TIME", "COMPLETED_LATE", "UNKNOWN", "NOT_ASSESSED");
    private static final List<LocalService> CLOCKED = List.of(LocalService.PROGRESS, LocalService.INDICATOR,
            LocalService.NOTIFICATION);

    @Test
    void everyServiceStatesTheSameDeliveryStateForEveryMeasureThroughTheYear(RunningEcoPlan ecoplan) {
        ecoplan.awaitSettled(SETTLE);
        Http http = ecoplan.http();
        String admin = ecoplan.token("admin", null, "agreement.admin");
        String supervisor = ecoplan.token("supervisor", null, "agreement.supervisor");
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<JsonNode> catalogue = ecoplan.all(LocalService.PLAN, "/measures", null);
        List<Sampled> yearEnd = unreported(ecoplan, supervisor, catalogue, "年底前", 4);
        Sampled a = yearEnd.get(0);
        Sampled b = yearEnd.get(1);
        Sampled c = yearEnd.get(2);
        Sampled d = yearEnd.get(3);
        Sampled ongoing = unreported(ecoplan, supervisor, catalogue, "长期实施", 1).get(0);

        // date → the reports filed and approved on it, then the states the rule gives the sample on that date.
        Map<LocalDate, List<Filing>> filings = new TreeMap<>();
        Map<LocalDate, Map<Sampled, String>> expected = new TreeMap<>();
        LocalDate february = LocalDate.of(2026, 2, 16);
        filings.put(february, List.of(new Filing(a, "ON_TRACK", 15), new Filing(b, "AT_RISK", 10),
                new Filing(ongoing, "DELAYED", 0)));
        // 46 of 364 days (13 %): 0 % done is no worse than 25 points behind yet.
        expected.put(february, Map.of(a, "ON_TRACK", b, "AT_RISK", c, "ON_TRACK", d, "ON_TRACK", ongoing, "AT_RISK"));
        LocalDate july = LocalDate.of(2026, 7, 2);
        filings.put(july, List.of(new Filing(a, "ON_TRACK", 50), new Filing(c, "COMPLETED", 100)));
        // 182 of 364 days (50 %): b at 10 % and d at 0 % are behind pace, whatever b reported.
        expected.put(july, Map.of(a, "ON_TRACK", b, "BEHIND_PACE", c, "COMPLETED_ON_TIME", d, "BEHIND_PACE",
                ongoing, "AT_RISK"));
        LocalDate december = LocalDate.of(2026, 12, 15);
        filings.put(december, List.of(new Filing(ongoing, "ON_TRACK", 60)));
        expected.put(december, Map.of(a, "BEHIND_PACE", b, "BEHIND_PACE", c, "COMPLETED_ON_TIME", d, "BEHIND_PACE",
                ongoing, "ON_TRACK"));
        LocalDate january = LocalDate.of(2027, 1, 10);
        filings.put(january, List.of(new Filing(a, "COMPLETED", 100)));
        expected.put(january, Map.of(a, "COMPLETED_LATE", b, "OVERDUE", c, "COMPLETED_ON_TIME", d, "OVERDUE",
                ongoing, "ON_TRACK"));

        Set<String> seen = new TreeSet<>();
        Set<String> everOverdue = new HashSet<>();
        try {
            for (Map.Entry<LocalDate, List<Filing>> day : filings.entrySet()) {
                LocalDate date = day.getKey();
                for (LocalService service : CLOCKED) {
                    JsonNode set = http.send(new Http.Call("PUT", ecoplan.uri(service, "/admin/clock"), admin, Map.of(),
                            Map.of("date", date.toString(), "hour", 9), false)).expect(200).json();
                    assertThat(set.path("today").asText()).as(service.serviceName()).isEqualTo(date.toString());
                }
                for (Filing filing : day.getValue()) {
                    fileAndApprove(ecoplan, filing, supervisor, run + "-" + date);
                }
                // What the schedulers do after midnight and every hour (they may also have done it meanwhile).
                JsonNode assessment = http.post(ecoplan.uri(LocalService.PROGRESS, "/delivery-assessment/run"), admin, null,
                        null, Map.of()).expect(200).json();
                assertThat(assessment.path("businessDate").asText()).isEqualTo(date.toString());
                Duration settled = ecoplan.awaitSettled(SETTLE);
                long tickStarted = System.nanoTime();
                http.post(ecoplan.uri(LocalService.NOTIFICATION, "/supervision/run"), admin, null, null, Map.of()).expect(200);
                long compareStarted = System.nanoTime();

                Map<String, String> progress = new TreeMap<>();
                Map<String, String> notification = new TreeMap<>();
                Map<String, Set<String>> alerts = new LinkedHashMap<>();
                for (JsonNode measure : catalogue) {
                    String id = measure.path("id").asText();
                    JsonNode status = http.get(ecoplan.uri(LocalService.PROGRESS, "/measures/" + id + "/status"), supervisor)
                            .expect(200).json();
                    progress.put(id, status.path("deliveryState").asText("none"));
                    // The daily run refreshed every measure's figures on this date; an event went out only for changes.
                    assertThat(status.path("delivery").path("assessedOn").asText()).as("%s assessed", id).isEqualTo(date.toString());
                    JsonNode copy = http.get(ecoplan.uri(LocalService.NOTIFICATION, "/supervision/measures/" + id), supervisor)
                            .expect(200).json();
                    notification.put(id, copy.path("progress").path("delivery").path("state").asText("none"));
                    Set<String> raised = new HashSet<>();
                    copy.path("alerts").forEach(alert -> raised.add(alert.path("rule").asText() + " " + alert.path("period").asText()));
                    alerts.put(id, raised);
                }
                assertThat(notification).as("notification-service's delivery states on %s", date).isEqualTo(progress);
                assertThat(overviewStates(ecoplan, supervisor)).as("indicator-service's overview on %s", date)
                        .isEqualTo(progress);
                assertOverviewCountsAreItsListsTotals(ecoplan, supervisor, date);
                assertThat(progress.values()).as("every measure has a state on %s", date).doesNotContain("none");
                for (Map.Entry<Sampled, String> sample : expected.get(date).entrySet()) {
                    assertThat(progress.get(sample.getKey().id())).as("%s on %s", sample.getKey(), date)
                            .isEqualTo(sample.getValue());
                }
                for (Map.Entry<String, String> state : progress.entrySet()) {
                    String measure = state.getKey();
                    String deliveryState = state.getValue();
                    seen.add(deliveryState);
                    if (deliveryState.equals("OVERDUE")) {
                        everOverdue.add(measure);
                        assertThat(alerts.get(measure)).as("overdue alert of %s on %s", measure, date)
                                .anyMatch(alert -> alert.startsWith("OVERDUE due@"));
                    }
                    if (deliveryState.equals("BEHIND_PACE")) {
                        assertThat(alerts.get(measure)).as("behind-pace alert of %s on %s", measure, date)
                                .contains("BEHIND_PACE " + YearMonth.from(date));
                    }
                }
                System.out.printf("Delivery states on %s, the same in progress-, notification- and indicator-service for %d measures: %s"
                        + " (settled in %.1f s, rules %.1f s, compared in %.1f s)%n", date, progress.size(), count(progress),
                        settled.toMillis() / 1e3, (compareStarted - tickStarted) / 1e9, (System.nanoTime() - compareStarted) / 1e9);
            }
            // On the walked dates an overdue alert only where progress-service said overdue: no rule of its own.
            Set<String> walked = new HashSet<>();
            filings.keySet().forEach(date -> walked.add(date.toString()));
            Set<String> alerted = new HashSet<>();
            for (JsonNode alert : ecoplan.all(LocalService.NOTIFICATION, "/alerts?rule=OVERDUE", supervisor)) {
                if (walked.contains(alert.path("businessDate").asText())) {
                    alerted.add(alert.path("subjectId").asText());
                }
            }
            assertThat(everOverdue).containsAll(alerted);
            assertThat(seen).contains("ON_TRACK", "BEHIND_PACE", "AT_RISK", "OVERDUE", "COMPLETED_ON_TIME", "COMPLETED_LATE");
        } finally {
            for (LocalService service : CLOCKED) {
                http.send(new Http.Call("DELETE", ecoplan.uri(service, "/admin/clock"), admin, Map.of(), null, false))
                        .expect(200);
            }
        }
    }

    /** Every measure of the seed plan with the state indicator-service's overview lists it under. */
    private static Map<String, String> overviewStates(RunningEcoPlan ecoplan, String token) {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode item : ecoplan.all(LocalService.INDICATOR, OVERVIEW + "/supervision-list?" + SEED_PLAN + "&state="
                + String.join(",", ALL_STATES), token)) {
            assertThat(states.put(item.path("measureId").asText(), item.path("state").asText()))
                    .as("%s listed once", item.path("measureId").asText()).isNull();
        }
        return states;
    }

    /** The overview's count of every state is the total of that state's list, and the counts add up to the plan. */
    private static void assertOverviewCountsAreItsListsTotals(RunningEcoPlan ecoplan, String token, LocalDate date) {
        JsonNode overview = ecoplan.http().get(ecoplan.uri(LocalService.INDICATOR, OVERVIEW + "?" + SEED_PLAN), token)
                .expect(200).json();
        int sum = 0;
        for (JsonNode count : overview.path("measures").path("byState")) {
            long listed = ecoplan.http().get(ecoplan.uri(LocalService.INDICATOR, OVERVIEW + "/supervision-list?" + SEED_PLAN
                    + "&size=1&state=" + count.path("state").asText()), token).expect(200).json().path("totalItems").asLong();
            assertThat(listed).as("%s on %s: the overview's count is its list's total", count.path("state").asText(), date)
                    .isEqualTo(count.path("measures").asLong());
            sum += count.path("measures").asInt();
        }
        assertThat(sum).as("states add up to the measures on %s", date).isEqualTo(overview.path("measures").path("measures").asInt());
        assertThat(overview.path("supervision").path("total").asInt()).as("supervision list on %s", date)
                .isEqualTo(overview.path("measures").path("overdue").asInt() + overview.path("measures").path("behindPace").asInt());
    }

    /** {@code count} measures with this deadline label whose LEAD department is named directly, with no report yet. */
    private static List<Sampled> unreported(RunningEcoPlan ecoplan, String token, List<JsonNode> catalogue, String label,
            int count) {
        List<Sampled> found = new ArrayList<>();
        for (JsonNode measure : catalogue) {
            JsonNode lead = measure.path("departments").path("lead");
            if (!label.equals(measure.path("deadline").path("label").asText()) || lead.isEmpty()
                    || lead.get(0).path("group").asBoolean()) {
                continue;
            }
            String id = measure.path("id").asText();
            long reports = ecoplan.http().get(ecoplan.uri(LocalService.PROGRESS, "/reports?size=1&measure=" + id), token)
                    .expect(200).json().path("totalItems").asLong();
            if (reports == 0) {
                found.add(new Sampled(id, lead.get(0).path("code").asText(), label));
            }
            if (found.size() == count) {
                return found;
            }
        }
        throw new AssertionError("fewer than " + count + " unreported " + label + " measures: " + found);
    }

    private static void fileAndApprove(RunningEcoPlan ecoplan, Filing filing, String supervisor, String key) {
        String reporter = ecoplan.token("reporter", filing.measure().lead(), "agreement." + filing.measure().lead());
        Http.Response created = ecoplan.http().post(ecoplan.uri(LocalService.PROGRESS, "/reports"), reporter,
                Map.of("measureId", filing.measure().id(), "kind", "AD_HOC", "status", filing.status(),
                        "percentComplete", filing.percent(), "narrative", "系统测试：全年督办状态一致", "submit", true),
                key + "-" + filing.measure().id(), Map.of()).expect(201);
        ecoplan.http().post(ecoplan.uri(LocalService.PROGRESS, "/reports/" + created.json().path("id").asText() + "/approve"),
                supervisor, null, key + "-approve-" + filing.measure().id(),
                Map.of("If-Match", created.header("ETag").orElseThrow())).expect(200);
    }

    private static Map<String, Integer> count(Map<String, String> states) {
        Map<String, Integer> counts = new TreeMap<>();
        states.values().forEach(state -> counts.merge(state, 1, Integer::sum));
        return counts;
    }

    private record Sampled(String id, String lead, String label) {
    }

    private record Filing(Sampled measure, String status, int percent) {
    }
}
