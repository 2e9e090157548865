package org.ecoplan.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.TopicPartition;
import org.ecoplan.launcher.LocalService;
import org.ecoplan.systemtest.ReportTraffic.Assignment;
import org.ecoplan.systemtest.ReportTraffic.Report;
import org.ecoplan.systemtest.RunningEcoPlan.Eventually;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report chain under faults. A steady stream of reports on a sample of the seed's measures and departments
 * is filed and reviewed, as phones do it (Idempotency-Key, retries on connection errors and 503), while each
 * service in turn is SIGKILLed and started again, Kafka is stopped and started, PostgreSQL is restarted and the
 * roll-ups are rebuilt. With no manual step, within a bounded wait, every accepted report must exist once in
 * progress-service and every effect downstream exactly once: official statuses, indicator-service's view and
 * roll-ups (equal to a replay), one alert per returned report, one inbox message per alert recipient, one signed
 * webhook delivery per event; every outbox empty, every consumer group's lag 0, no dead letter. It prints the
 * counts and the recovery times.
 *
 * <p>Settings (system properties): {@code ecoplan.system-test.reports} (at least this many reports, default 300),
 * {@code ecoplan.system-test.rate} (reports per second, default 2), {@code ecoplan.system-test.seed},
 * {@code ecoplan.system-test.faults} (a comma-separated subset of kill, kafka, postgres, rebuild; default all).
 */
@ExtendWith(EcoPlanExtension.class)
@Order(2)
class ReportChainUnderFaultsIT {

    private static final int REPORTS = Integer.getInteger("ecoplan.system-test.reports", 300);
    private static final double RATE = Double.parseDouble(System.getProperty("ecoplan.system-test.rate", "2"));
    private static final long SEED = Long.getLong("ecoplan.system-test.seed", 20261130L);
    private static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Set<String> FAULTS = Set.of(System.getProperty("ecoplan.system-test.faults",
            String.join(",", Faults.ALL)).split(","));
    private static final int MEASURES = 40;
    private static final int MEASURES_PER_DEPARTMENT = 5;
    private static final int WORKERS = 6;
    /** Between one fault's drained backlog and the next fault: reports flow undisturbed for a moment. */
    private static final Duration PAUSE_BETWEEN_FAULTS = Duration.ofSeconds(2);
    private static final Duration KAFKA_DOWN = Duration.ofSeconds(12);
    private static final Duration FIRST_FAULT_AFTER = Duration.ofSeconds(5);
    /** The bounded wait for everything to settle once the faults are over: no manual step, just time. */
    private static final Duration SETTLE = Duration.ofMinutes(3);

    /** One run of the stream under faults: at least {@code reports} at {@code rate} a second, the sample's seed, the faults. */
    record Scenario(int reports, double rate, long seed, Set<String> faults) {
    }

    @Test
    void nothingIsLostOrDoubledWhileServicesKafkaAndPostgresqlFail(RunningEcoPlan ecoplan) throws Exception {
        run(ecoplan, new Scenario(REPORTS, RATE, SEED, FAULTS));
    }

    /**
     * The stream, the faults while it flows, the bounded wait to settle and the ledger, printed and asserted. Shared
     * with ReportChainOnClusterIT, which runs it on a Kafka cluster with two replicas of each service.
     */
    static void run(RunningEcoPlan ecoplan, Scenario scenario) throws Exception {
        ecoplan.awaitSettled(Duration.ofMinutes(2));
        // Every measure has status events from before this test (its delivery state is published as soon as the
        // catalogue brings it); the webhook subscribed below owes only what is published from here on.
        Map<TopicPartition, Long> progressBefore = ecoplan.kafka().endOffsets("ecoplan.progress");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Assignment> sample = sample(ecoplan, scenario.seed());
        String integrator = ecoplan.token("integrator", null, "st.integrator");

        try (WebhookReceiver receiver = new WebhookReceiver(ecoplan.mapper())) {
            JsonNode subscription = ecoplan.http().post(ecoplan.uri(LocalService.NOTIFICATION, "/webhooks/subscriptions"),
                    integrator, Map.of("url", receiver.url().toString(), "description", "system test under faults " + run,
                            "eventTypes", List.of("PROGRESS", "NOTIFICATION")), null, Map.of()).expect(201).json();
            receiver.secret(subscription.path("secret").asText());

            System.out.printf("Report stream under faults: at least %d reports at %.1f/s on %d measures of %d departments"
                    + " (seed %d), faults %s%n", scenario.reports(), scenario.rate(), sample.size(),
                    sample.stream().map(Assignment::department).distinct().count(), scenario.seed(), scenario.faults());
            ReportTraffic traffic = new ReportTraffic(ecoplan, sample, scenario.rate(), scenario.seed(), run);
            Faults faults = new Faults(ecoplan, scenario.faults());
            AtomicBoolean faultsDone = new AtomicBoolean();
            AtomicReference<Throwable> faultFailure = new AtomicReference<>();
            long streamStartedAt = System.nanoTime();
            faults.startMonitoring();
            Thread injector = new Thread(() -> {
                try {
                    Thread.sleep(FIRST_FAULT_AFTER.toMillis());
                    faults.inject(PAUSE_BETWEEN_FAULTS, KAFKA_DOWN);
                } catch (Throwable e) {
                    faultFailure.set(e);
                } finally {
                    faultsDone.set(true);
                }
            }, "fault-injector");
            injector.start();
            // Every fault happens while reports flow: the stream goes on until the last one is injected.
            traffic.run(scenario.reports(), WORKERS, faultsDone::get);
            injector.join();
            double streamSeconds = (System.nanoTime() - streamStartedAt) / 1e9;
            if (faultFailure.get() != null) {
                throw new AssertionError("Injecting the faults failed", faultFailure.get());
            }
            List<Report> reports = traffic.reports();
            List<Report> accepted = reports.stream().filter(Report::accepted).toList();
            List<String> refused = reports.stream().filter(report -> report.failure != null)
                    .map(report -> "#" + report.number + " " + report.failure).toList();
            if (faults.unrecovered().isPresent()) {
                faults.stopMonitoring();
                Faults.Fault fault = faults.unrecovered().get();
                print(reports, accepted, faults, streamSeconds, null, new Ledger(), ecoplan.http().stats(), refused, receiver);
                throw new AssertionError("EcoPlan did not recover from \"" + fault.name + "\" without a manual step: "
                        + fault.failure);
            }

            long settleStartedAt = System.nanoTime();
            Duration settled = null;
            Ledger ledger = new Ledger();
            Map<String, Long> deadLetters = new LinkedHashMap<>();
            try {
                settled = ecoplan.awaitSettled(SETTLE);
                faults.sample();
                faults.stopMonitoring();
                Verification verification = new Verification(ecoplan, sample, accepted, receiver, ledger, ecoplan.startedOn(),
                        progressBefore);
                verification.run(Duration.ofNanos(SETTLE.toNanos() - (System.nanoTime() - settleStartedAt)));
                deadLetters.putAll(verification.deadLetters());
            } finally {
                faults.stopMonitoring();
                // The figures, also when settling or a check failed: they say how far EcoPlan got.
                print(reports, accepted, faults, streamSeconds, settled, ledger, ecoplan.http().stats(), refused, receiver);
                System.out.println("  dead letters: " + deadLetters);
            }

            assertThat(refused).as("every report filed and reviewed (none refused or given up)").isEmpty();
            assertThat(ecoplan.http().stats().serverErrors).as("answers 5xx other than 503").isEmpty();
            assertThat(receiver.received()).as("every webhook request carries a valid signature")
                    .allSatisfy(request -> assertThat(request.problem()).isNull());
            assertThat(ledger.clean()).as("nothing lost, doubled or wrong:%n%s", ledger.table()).isTrue();
            assertThat(deadLetters).as("dead letters per service").allSatisfy((service, letters) -> assertThat(letters).isZero());
            assertThat(ecoplan.unsettled()).as("still settled at the end").isNull();
        }
    }

    /**
     * Measures the departments lead or are responsible for and nobody has reported on yet, a few per department,
     * from a seeded shuffle of the registry: one department reports on each.
     */
    private static List<Assignment> sample(RunningEcoPlan ecoplan, long seed) {
        Http http = ecoplan.http();
        String supervisor = ecoplan.token("supervisor", null, "st.sampler");
        List<String> departments = new ArrayList<>();
        ecoplan.all(LocalService.PLAN, "/departments", null)
                .forEach(department -> departments.add(department.path("code").asText()));
        Collections.sort(departments);
        Collections.shuffle(departments, new Random(seed));
        List<Assignment> sample = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String department : departments) {
            String reporter = ecoplan.token("reporter", department, "st.sampler");
            JsonNode todo = http.get(ecoplan.uri(LocalService.PROGRESS, "/departments/" + department + "/todo"), reporter)
                    .expect(200).json();
            int taking = 0;
            for (JsonNode item : todo.path("measures")) {
                String measure = item.path("measureId").asText();
                String role = item.path("role").asText();
                if (taking == MEASURES_PER_DEPARTMENT || sample.size() == MEASURES) {
                    break;
                }
                if ((role.equals("LEAD") || role.equals("RESPONSIBLE")) && !taken.contains(measure)
                        && http.get(ecoplan.uri(LocalService.PROGRESS, "/reports?size=1&measure=" + measure), supervisor)
                                .expect(200).json().path("totalItems").asLong() == 0) {
                    taken.add(measure);
                    sample.add(new Assignment(measure, department));
                    taking++;
                }
            }
            if (sample.size() == MEASURES) {
                return sample;
            }
        }
        assertThat(sample).as("measures to report on").hasSizeGreaterThan(10);
        return sample;
    }

    private static void print(List<Report> reports, List<Report> accepted, Faults faults, double streamSeconds,
            Duration settled, Ledger ledger, Http.Stats stats, List<String> refused, WebhookReceiver receiver) {
        long approved = accepted.stream().filter(report -> "APPROVED".equals(report.state)).count();
        long returned = accepted.stream().filter(report -> "RETURNED".equals(report.state)).count();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nSystem test under faults: %d reports filed in %.0f s (%d accepted: %d approved, %d returned;"
                + " %d refused), %d faults injected; lost %d, doubled %d%n", reports.size(), streamSeconds, accepted.size(),
                approved, returned, refused.size(), faults.faults().size(), ledger.lost(), ledger.doubled()));
        out.append("  requests: ").append(stats).append('\n');
        long redelivered = receiver.received().size() - receiver.received().stream()
                .map(WebhookReceiver.Received::webhookId).distinct().count();
        out.append(String.format("  webhook requests received: %d (%d repeated deliveries of the same webhook-id)%n",
                receiver.received().size(), redelivered));
        boolean inSync = faults.faults().stream().anyMatch(fault -> fault.inSync != null);
        out.append(String.format("  %-34s %12s %14s%s%n", "fault", "ready after", "drained after",
                inSync ? "   partitions in sync after" : ""));
        for (Faults.Fault fault : faults.faults()) {
            String drained = fault.failure != null ? "FAILED: " + fault.failure : fault.drained == null ? "not measured" : String.format("%.1f s", fault.drained.toMillis() / 1000.0)
                    + (fault.nextFaultAt != 0 && fault.restartedAt + fault.drained.toNanos() > fault.nextFaultAt
                            ? " (after the next fault began)" : "");
            out.append(String.format("  %-34s %12s %14s%s%n", fault.name,
                    fault.ready == null ? "-" : String.format("%.1f s", fault.ready.toMillis() / 1000.0), drained,
                    !inSync ? "" : fault.inSync == null ? "   -" : String.format("   %.1f s", fault.inSync.toMillis() / 1000.0)));
        }
        if (settled != null) {
            out.append(String.format("  settled (every outbox empty, every consumer group's lag 0) %.1f s after the stream%n",
                    settled.toMillis() / 1000.0));
        }
        out.append(ledger.table());
        refused.stream().limit(10).forEach(failure -> out.append("  refused: ").append(failure).append('\n'));
        stats.serverErrors.stream().limit(10).forEach(error -> out.append("  5xx: ").append(error).append('\n'));
        System.out.println(out);
    }

    /** Compares what exists, read from outside, with what the stream asked for. */
    private static final class Verification {

        private final RunningEcoPlan ecoplan;
        private final List<Assignment> sample;
        private final List<Report> accepted;
        private final WebhookReceiver receiver;
        private final Ledger ledger;
        private final String supervisor;
        private final Set<String> reportIds = new HashSet<>();
        private final Set<String> measureIds = new HashSet<>();
        private final LocalDate startedOn;
        private final Map<TopicPartition, Long> progressBefore;

        Verification(RunningEcoPlan ecoplan, List<Assignment> sample, List<Report> accepted, WebhookReceiver receiver,
                Ledger ledger, LocalDate startedOn, Map<TopicPartition, Long> progressBefore) {
            this.ecoplan = ecoplan;
            this.startedOn = startedOn;
            this.progressBefore = progressBefore;
            this.sample = sample;
            this.accepted = accepted;
            this.receiver = receiver;
            this.ledger = ledger;
            this.supervisor = ecoplan.token("supervisor", null, "st.verifier");
            accepted.forEach(report -> reportIds.add(report.id));
            sample.forEach(assignment -> measureIds.add(assignment.measureId()));
        }

        void run(Duration remaining) {
            Duration wait = remaining.isNegative() ? Duration.ofSeconds(10) : remaining;
            reportsInProgressService();
            officialStatuses();
            Set<String> progressEvents = progressEvents();
            Map<String, JsonNode> alertEvents = alertsOfReturnedReports(wait);
            inboxMessages(alertEvents, wait);
            webhookDeliveries(progressEvents, alertEvents.keySet(), wait);
            indicatorService(wait);
            rollupsEqualReplay();
        }

        /**
         * @return each service's dead letters: none of these faults may turn into one (a record the consumer could
         *         apply later is retried, not set aside)
         */
        Map<String, Long> deadLetters() {
            Map<String, Long> letters = new LinkedHashMap<>();
            String admin = ecoplan.token("admin", null, "st.admin");
            for (LocalService service : LocalService.values()) {
                Http.Response answer = ecoplan.http().get(ecoplan.uri(service, "/dead-letters?size=1"), admin).expect(200, 404);
                letters.put(service.serviceName(), answer.status() == 404 ? 0 : answer.json().path("totalItems").asLong());
            }
            return letters;
        }

        /** Every accepted report once, in the state its review left it; nothing else on the sampled measures. */
        private void reportsInProgressService() {
            Map<String, Integer> found = new HashMap<>();
            Map<String, String> wrong = new LinkedHashMap<>();
            Map<String, Report> byId = new HashMap<>();
            accepted.forEach(report -> byId.put(report.id, report));
            for (String measure : measureIds) {
                for (JsonNode report : ecoplan.all(LocalService.PROGRESS, "/reports?measure=" + measure, supervisor)) {
                    String id = report.path("id").asText();
                    found.merge(id, 1, Integer::sum);
                    Report expected = byId.get(id);
                    if (expected != null && (!report.path("state").asText().equals(expected.state)
                            || !report.path("status").asText().equals(expected.status))) {
                        wrong.put(id, report.path("state").asText() + "/" + report.path("status").asText() + " instead of "
                                + expected.state + "/" + expected.status);
                    }
                }
            }
            ledger.count("reports in progress-service", reportIds, found, wrong);
        }

        /** A measure's official status is its latest approved report (reports of one measure go one by one). */
        private void officialStatuses() {
            Map<String, Integer> found = new HashMap<>();
            Map<String, String> wrong = new LinkedHashMap<>();
            for (String measure : measureIds) {
                Report latest = latestApproved(measure);
                JsonNode status = ecoplan.http().get(ecoplan.uri(LocalService.PROGRESS, "/measures/" + measure + "/status"),
                        supervisor).expect(200).json();
                found.put(measure, 1);
                String expected = latest == null ? "NOT_STARTED" : latest.status + " by " + latest.id;
                String actual = latest == null ? status.path("status").asText()
                        : status.path("status").asText() + " by " + status.path("basedOnReportId").asText();
                if (!expected.equals(actual)) {
                    wrong.put(measure, actual + " instead of " + expected);
                }
            }
            ledger.count("official statuses in progress-service", measureIds, found, wrong);
        }

        /**
         * Report events on {@code ecoplan.progress}: one submitted and one approved or returned per report (a relay
         * may publish an event twice after a crash: the same id counts once). @return the ids of the progress
         * events about the sample, for the webhook check
         */
        private Set<String> progressEvents() {
            Map<String, Set<String>> idsByAction = new HashMap<>();
            Set<String> eventIds = new HashSet<>();
            for (KafkaProbe.Event event : ecoplan.kafka().read("ecoplan.progress", progressBefore)) {
                JsonNode data = json(event.data());
                String report = data.path("reportId").asText(null);
                if (report != null && reportIds.contains(report)) {
                    idsByAction.computeIfAbsent(event.type() + " " + report, any -> new HashSet<>()).add(event.id());
                    eventIds.add(event.id());
                } else if (report == null && measureIds.contains(data.path("measureId").asText())) {
                    eventIds.add(event.id());
                }
            }
            Set<String> expected = new HashSet<>();
            for (Report report : accepted) {
                expected.add("progress.report-submitted.v1 " + report.id);
                if (!"SUBMITTED".equals(report.state)) {
                    expected.add("progress.report-" + report.state.toLowerCase() + ".v1 " + report.id);
                }
            }
            Map<String, Integer> found = new HashMap<>();
            idsByAction.forEach((action, ids) -> found.put(action, ids.size()));
            ledger.count("report events on ecoplan.progress", expected, found, Map.of());
            return eventIds;
        }

        /** One REPORT_RETURNED alert per returned report, none for the others. @return their events by id */
        private Map<String, JsonNode> alertsOfReturnedReports(Duration wait) {
            Set<String> returned = new HashSet<>();
            accepted.stream().filter(report -> "RETURNED".equals(report.state)).forEach(report -> returned.add(report.id));
            Map<String, Integer> found = new HashMap<>();
            Eventually.await("an alert for each of the " + returned.size() + " returned reports", wait, () -> {
                found.clear();
                for (JsonNode alert : ecoplan.all(LocalService.NOTIFICATION, "/alerts?rule=REPORT_RETURNED", supervisor)) {
                    String subject = alert.path("subjectId").asText();
                    if (reportIds.contains(subject)) {
                        found.merge(subject, 1, Integer::sum);
                    }
                }
                return found.keySet().containsAll(returned) ? null : (returned.size() - found.size()) + " missing";
            });
            ledger.count("REPORT_RETURNED alerts", returned, found, Map.of());
            Map<String, JsonNode> events = new LinkedHashMap<>();
            for (KafkaProbe.Event event : ecoplan.kafka().read("ecoplan.notification", Map.of())) {
                JsonNode data = json(event.data());
                if ("REPORT_RETURNED".equals(data.path("rule").asText()) && reportIds.contains(data.path("subjectId").asText())) {
                    events.put(event.id(), data);
                }
            }
            return events;
        }

        /** One message per inbox the alert addressed (its event names them: DEPARTMENT:ENV, USER:…). */
        private void inboxMessages(Map<String, JsonNode> alertEvents, Duration wait) {
            Set<String> expected = new LinkedHashSet<>();
            Map<String, String> reporterDepartment = new HashMap<>();
            accepted.forEach(report -> reporterDepartment.put(report.reporter(), report.assignment.department()));
            Set<String> alertIds = new HashSet<>();
            for (JsonNode alert : alertEvents.values()) {
                alertIds.add(alert.path("alertId").asText());
                alert.path("audiences").forEach(audience -> expected.add(alert.path("alertId").asText() + " " + audience.asText()));
            }
            Map<String, Integer> found = new HashMap<>();
            Eventually.await("the inbox messages of " + alertIds.size() + " alerts", wait, () -> {
                found.clear();
                Set<String> inboxes = new LinkedHashSet<>();
                expected.forEach(key -> inboxes.add(key.substring(key.indexOf(' ') + 1)));
                for (String inbox : inboxes) {
                    for (JsonNode message : messages(inbox, reporterDepartment)) {
                        if (alertIds.contains(message.path("alertId").asText())) {
                            found.merge(message.path("alertId").asText() + " " + message.path("box").asText() + ":"
                                    + message.path("owner").asText(), 1, Integer::sum);
                        }
                    }
                }
                return found.keySet().containsAll(expected) ? null : (expected.size() - found.size()) + " missing";
            });
            ledger.count("inbox messages (one per alert recipient)", expected, found, Map.of());
        }

        private List<JsonNode> messages(String inbox, Map<String, String> reporterDepartment) {
            String box = inbox.substring(0, inbox.indexOf(':'));
            String owner = inbox.substring(inbox.indexOf(':') + 1);
            return switch (box) {
                case "DEPARTMENT", "DEPARTMENT_HEAD" -> ecoplan.all(LocalService.NOTIFICATION,
                        "/inbox/messages?rule=REPORT_RETURNED&box=" + box + "&department=" + owner, supervisor);
                case "USER" -> ecoplan.all(LocalService.NOTIFICATION, "/inbox/messages?rule=REPORT_RETURNED&box=USER",
                        ecoplan.token("reporter", reporterDepartment.get(owner), owner));
                default -> ecoplan.all(LocalService.NOTIFICATION, "/inbox/messages?rule=REPORT_RETURNED&box=" + box, supervisor);
            };
        }

        /** One signed delivery (one webhook-id) per event about the sample; repeats of one webhook-id are retries. */
        private void webhookDeliveries(Set<String> progressEvents, Set<String> alertEvents, Duration wait) {
            Set<String> expected = new HashSet<>(progressEvents);
            expected.addAll(alertEvents);
            Map<String, Set<String>> webhookIds = new HashMap<>();
            Eventually.await("a webhook delivery for each of the " + expected.size() + " events", wait, () -> {
                webhookIds.clear();
                for (WebhookReceiver.Received request : receiver.received()) {
                    if (request.valid() && expected.contains(request.eventId())) {
                        webhookIds.computeIfAbsent(request.eventId(), any -> new HashSet<>()).add(request.webhookId());
                    }
                }
                return webhookIds.keySet().containsAll(expected) ? null : (expected.size() - webhookIds.size()) + " missing";
            });
            Map<String, Integer> found = new HashMap<>();
            webhookIds.forEach((event, ids) -> found.put(event, ids.size()));
            ledger.count("webhook deliveries (one per event)", expected, found, Map.of());
        }

        /**
         * indicator-service shows each sampled measure's official status, and each department's roll-up counts what
         * its scorecard lists (measures, completed).
         */
        private void indicatorService(Duration wait) {
            Map<String, String> departmentOf = new HashMap<>();
            sample.forEach(assignment -> departmentOf.put(assignment.measureId(), assignment.department()));
            Map<String, Integer> found = new HashMap<>();
            Map<String, String> wrong = new LinkedHashMap<>();
            Eventually.await("indicator-service shows every sampled measure's official status", wait, () -> {
                found.clear();
                wrong.clear();
                for (String department : new LinkedHashSet<>(departmentOf.values())) {
                    JsonNode scorecard = ecoplan.http().get(ecoplan.uri(LocalService.INDICATOR, "/departments/" + department
                            + "/scorecard"), null).expect(200).json();
                    // The delivery roll-up is what the department leads or is responsible for; what it only assists
                    // is counted apart (assisting).
                    int completed = 0;
                    int held = 0;
                    int assistedCompleted = 0;
                    int assisted = 0;
                    for (JsonNode line : scorecard.path("measures")) {
                        String measure = line.path("measureId").asText();
                        String status = line.path("status").asText();
                        boolean holds = false;
                        for (JsonNode role : line.path("roles")) {
                            holds |= role.asText().equals("LEAD") || role.asText().equals("RESPONSIBLE");
                        }
                        if (holds) {
                            held++;
                            completed += status.equals("COMPLETED") ? 1 : 0;
                        } else {
                            assisted++;
                            assistedCompleted += status.equals("COMPLETED") ? 1 : 0;
                        }
                        if (department.equals(departmentOf.get(measure))) {
                            found.merge(measure, 1, Integer::sum);
                            Report latest = latestApproved(measure);
                            String expected = latest == null ? "NOT_STARTED" : latest.status;
                            if (!expected.equals(status)) {
                                wrong.put(measure, status + " instead of " + expected);
                            }
                        }
                    }
                    JsonNode delivery = scorecard.path("delivery");
                    JsonNode assisting = scorecard.path("assisting");
                    if (assisted > 0 && (assisting.path("measures").asInt() != assisted
                            || assisting.path("completed").asInt() != assistedCompleted)) {
                        wrong.put("assisting roll-up of " + department, assisting.path("measures").asInt() + " measures, "
                                + assisting.path("completed").asInt() + " completed; the scorecard lists " + assisted
                                + ", " + assistedCompleted + " completed");
                    }
                    if (delivery.path("completed").asInt() != completed || delivery.path("measures").asInt() != held) {
                        wrong.put("roll-up of " + department, delivery.path("measures").asInt() + " measures, "
                                + delivery.path("completed").asInt() + " completed; the scorecard lists " + held
                                + " it leads or is responsible for, " + completed + " completed");
                    }
                }
                return wrong.isEmpty() ? null : wrong.toString();
            });
            ledger.count("statuses and roll-ups in indicator-service", measureIds, found, wrong);
        }

        /**
         * The roll-ups kept event by event equal what a replay of ecoplan.progress computes. Overdue and "reported this
         * period" depend on the district's date, so the comparison needs the same date as when the stack started.
         */
        private void rollupsEqualReplay() {
            if (!startedOn.equals(LocalDate.now(DISTRICT_ZONE))) {
                System.out.println("  The district's date changed during the run: roll-ups not compared with a replay");
                return;
            }
            Map<String, String> before = rollupFigures();
            ecoplan.http().send(new Http.Call("POST", ecoplan.uri(LocalService.INDICATOR, "/rollups/rebuild"),
                    ecoplan.token("admin", null, "st.admin"), Map.of(), null, true)).expect(200);
            Map<String, String> after = rollupFigures();
            Map<String, Integer> found = new HashMap<>();
            Map<String, String> wrong = new LinkedHashMap<>();
            after.forEach((scope, figures) -> {
                found.put(scope, 1);
                if (!figures.equals(before.get(scope))) {
                    wrong.put(scope, before.get(scope) + " live, " + figures + " replayed");
                }
            });
            ledger.count("roll-ups equal to a replay (all scopes)", before.keySet(), found, wrong);
        }

        private Map<String, String> rollupFigures() {
            Map<String, String> figures = new HashMap<>();
            for (JsonNode rollup : ecoplan.all(LocalService.INDICATOR, "/rollups", null)) {
                figures.put(rollup.path("scopeType").asText() + " " + rollup.path("scopeId").asText(),
                        String.join(",", rollup.path("measures").asText(), rollup.path("completed").asText(),
                                rollup.path("onTrack").asText(), rollup.path("atRisk").asText(),
                                rollup.path("overdue").asText(), rollup.path("notReportedThisPeriod").asText(),
                                rollup.path("onTimeCompletionRate").asText(), rollup.path("period").asText()));
            }
            return figures;
        }

        private Report latestApproved(String measure) {
            Report latest = null;
            for (Report report : accepted) {
                if (report.assignment.measureId().equals(measure) && "APPROVED".equals(report.state)
                        && (latest == null || report.number > latest.number)) {
                    latest = report;
                }
            }
            return latest;
        }

        private JsonNode json(String text) {
            try {
                return ecoplan.mapper().readTree(text == null ? "{}" : text);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Not JSON on the topic: " + text, e);
            }
        }
    }
}
