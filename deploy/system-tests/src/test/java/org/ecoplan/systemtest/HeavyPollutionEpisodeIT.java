package org.ecoplan.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.ecoplan.launcher.LocalService;
import org.ecoplan.launcher.ServiceProcess;
import org.ecoplan.systemtest.RunningEcoPlan.Eventually;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One heavy-pollution episode (issue 14) through the four packaged services, driven only from outside (HTTP; the
 * business clocks of progress- and notification-service set with PUT /admin/clock): the 12 member units of
 * 区空气重污染应急指挥部成员单位 are named and plan-service's example duty list loaded; the city's yellow warning is
 * upgraded to orange on day 2 and lifted on day 3 at 08:00. Two units (POLICE, WEATHER) never acknowledge, HEALTH
 * never reports day 1, EDUCATION reports day 2 after 20:00; the district's AQI and PM2.5 are entered for the three
 * days (day 2 heavy, day 3 corrected) and one earlier heavy day of the year. notification-service is SIGKILLed and
 * started again in the middle of day 1, with responses and air-quality facts in flight. Every message, escalation
 * and missing-report alert is asserted exactly, each once, and so is the assessment.
 *
 * <p>The episode lies in 2099, after any real date this runs on: the schedulers, which also run on the real clock
 * between the steps (and after the restart, before the clock is set again), never find anything due early.
 */
@ExtendWith(EcoPlanExtension.class)
@Order(4)
class HeavyPollutionEpisodeIT {

    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY_ONE = LocalDate.of(2099, 11, 10);
    private static final LocalDate DAY_TWO = DAY_ONE.plusDays(1);
    private static final LocalDate DAY_THREE = DAY_ONE.plusDays(2);
    private static final List<String> MEMBERS = List.of("AGRICULTURE", "COMMERCE", "DEV-REFORM", "EDUCATION", "ENV", "HEALTH",
            "HOUSING", "MARKET-REG", "POLICE", "TRANSPORT", "URBAN-MGMT", "WEATHER");
    private static final Set<String> NEVER_ACKNOWLEDGE = Set.of("POLICE", "WEATHER");
    private static final String MISSES_DAY_ONE = "HEALTH";
    private static final String LATE_ON_DAY_TWO = "EDUCATION";
    private static final List<LocalService> CLOCKED = List.of(LocalService.PROGRESS, LocalService.NOTIFICATION);

    @Test
    void oneEpisodeIsAlertedEscalatedAndAssessedExactlyOnceAcrossARestart(RunningEcoPlan ecoplan) throws Exception {
        ecoplan.awaitSettled(SETTLE);
        long startedAt = System.nanoTime();
        Http http = ecoplan.http();
        String admin = ecoplan.token("admin", null, "episode.admin");
        String integrator = ecoplan.token("integrator", null, "episode.city-system");
        String supervisor = ecoplan.token("supervisor", null, "episode.supervisor");
        try {
            nameMembersAndLoadTheExampleList(ecoplan, admin);

            // Day 1, 08:00: the city's yellow warning; every member unit is sent its duties, ten acknowledge at once.
            setClocks(ecoplan, admin, DAY_ONE, 8);
            Http.Response activated = http.post(ecoplan.uri(LocalService.PLAN, "/episodes"), integrator, Map.of("level", "YELLOW",
                    "issuer", "CITY", "reason", "预计11月10日至13日出现重度污染过程", "startsAt", at(DAY_ONE, 8),
                    "expectedEndAt", at(DAY_ONE.plusDays(3), 0)), null, Map.of()).expect(201);
            String episode = activated.json().path("id").asText();
            Map<String, List<String>> yellowItems = reportItems(activated.json());
            assertThat(yellowItems.keySet()).containsExactlyInAnyOrderElementsOf(MEMBERS);
            awaitRequests(ecoplan, supervisor, episode, 12);
            ecoplan.awaitSettled(SETTLE);
            acknowledgeAllBut(ecoplan, episode);

            // 2 h late the supervisors are told, 4 h late each unit's head too: once each, however often it runs.
            setClock(ecoplan, admin, LocalService.NOTIFICATION, DAY_ONE, 11);
            List<String> alerts = new ArrayList<>();
            check(ecoplan, admin, supervisor, episode, alerts, "EPISODE_UNACKNOWLEDGED POLICE@rev1",
                    "EPISODE_UNACKNOWLEDGED WEATHER@rev1");
            setClock(ecoplan, admin, LocalService.NOTIFICATION, DAY_ONE, 13);
            check(ecoplan, admin, supervisor, episode, alerts, "EPISODE_ESCALATED_TO_HEAD POLICE@rev1",
                    "EPISODE_ESCALATED_TO_HEAD WEATHER@rev1");

            // Day 1, 18:00: eleven units report (HEALTH does not); the day's air quality is entered. While those events
            // are on their way, notification-service is killed and started again.
            setClock(ecoplan, admin, LocalService.PROGRESS, DAY_ONE, 18);
            Map<String, BigDecimal> filed = new TreeMap<>();
            for (String unit : MEMBERS) {
                if (!unit.equals(MISSES_DAY_ONE)) {
                    respond(ecoplan, episode, unit, DAY_ONE, yellowItems.get(unit), 1, filed);
                }
            }
            observe(ecoplan, integrator, List.of(aqi(DAY_ONE.withDayOfYear(15), "250"), aqi(DAY_ONE, "180"), pm25(DAY_ONE, "135.5")));
            ServiceProcess notification = ecoplan.stack().instance(LocalService.NOTIFICATION);
            notification.kill();
            notification.start();
            Duration ready = notification.awaitReady(Duration.ofMinutes(2));
            // Every response is in before the clock passes 20:00 (a scheduler might check at once).
            ecoplan.awaitSettled(SETTLE);
            setClock(ecoplan, admin, LocalService.NOTIFICATION, DAY_ONE, 21);
            System.out.printf("notification-service SIGKILLed and ready again in %.1f s%n", ready.toMillis() / 1e3);
            check(ecoplan, admin, supervisor, episode, alerts, "EPISODE_REPORT_MISSING HEALTH@" + DAY_ONE);

            // Day 2, 08:00: upgraded to orange; the new duties go out, the same ten acknowledge.
            setClocks(ecoplan, admin, DAY_TWO, 8);
            Http.Response upgraded = http.post(ecoplan.uri(LocalService.PLAN, "/episodes/" + episode + "/level"), integrator,
                    Map.of("level", "ORANGE", "reason", "污染加重，升级为橙色预警", "effectiveAt", at(DAY_TWO, 8)), null,
                    Map.of("If-Match", activated.header("ETag").orElseThrow())).expect(200);
            Map<String, List<String>> orangeItems = reportItems(upgraded.json());
            awaitRequests(ecoplan, supervisor, episode, 24);
            ecoplan.awaitSettled(SETTLE);
            acknowledgeAllBut(ecoplan, episode);
            setClock(ecoplan, admin, LocalService.PROGRESS, DAY_TWO, 18);
            for (String unit : MEMBERS) {
                if (!unit.equals(LATE_ON_DAY_TWO)) {
                    respond(ecoplan, episode, unit, DAY_TWO, orangeItems.get(unit), 2, filed);
                }
            }
            observe(ecoplan, integrator, List.of(aqi(DAY_TWO, "236.2"), pm25(DAY_TWO, "186.4")));
            ecoplan.awaitSettled(SETTLE);
            setClock(ecoplan, admin, LocalService.NOTIFICATION, DAY_TWO, 21);
            check(ecoplan, admin, supervisor, episode, alerts, "EPISODE_UNACKNOWLEDGED POLICE@rev2",
                    "EPISODE_UNACKNOWLEDGED WEATHER@rev2", "EPISODE_ESCALATED_TO_HEAD POLICE@rev2",
                    "EPISODE_ESCALATED_TO_HEAD WEATHER@rev2", "EPISODE_REPORT_MISSING EDUCATION@" + DAY_TWO);
            setClock(ecoplan, admin, LocalService.PROGRESS, DAY_TWO, 22);
            respond(ecoplan, episode, LATE_ON_DAY_TWO, DAY_TWO, orangeItems.get(LATE_ON_DAY_TWO), 2, filed);

            // Day 3, 08:00: lifted; day 3's AQI first entered as heavy, then corrected.
            setClocks(ecoplan, admin, DAY_THREE, 8);
            http.post(ecoplan.uri(LocalService.PLAN, "/episodes/" + episode + "/lift"), integrator,
                    Map.of("reason", "空气质量好转，解除预警", "liftedAt", at(DAY_THREE, 8)), null,
                    Map.of("If-Match", upgraded.header("ETag").orElseThrow())).expect(200);
            observe(ecoplan, integrator, List.of(aqi(DAY_THREE, "205"), pm25(DAY_THREE, "151")));
            observe(ecoplan, integrator, List.of(aqi(DAY_THREE, "160"), pm25(DAY_THREE, "120.4")));
            ecoplan.awaitSettled(SETTLE);
            setClock(ecoplan, admin, LocalService.NOTIFICATION, DAY_THREE, 21);
            check(ecoplan, admin, supervisor, episode, alerts); // nothing is due on the lifting day

            assertMessagesAndAlerts(ecoplan, supervisor, episode);
            assertAssessment(ecoplan, supervisor, episode, filed);
            System.out.printf("Heavy-pollution episode played through the services in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
        } finally {
            for (LocalService service : CLOCKED) {
                http.send(new Http.Call("DELETE", ecoplan.uri(service, "/admin/clock"), admin, Map.of(), null, false)).expect(200);
            }
        }
    }

    /** The group's members by the group members API, then the example list as the file plan-service ships. */
    private static void nameMembersAndLoadTheExampleList(RunningEcoPlan ecoplan, String admin) throws Exception {
        Http http = ecoplan.http();
        Http.Response group = http.get(ecoplan.uri(LocalService.PLAN, "/department-groups/AIR-EMERGENCY-HQ-MEMBERS"), admin).expect(200);
        http.send(new Http.Call("PUT", ecoplan.uri(LocalService.PLAN, "/department-groups/AIR-EMERGENCY-HQ-MEMBERS/members"), admin,
                Map.of("If-Match", group.header("ETag").orElseThrow()), Map.of("memberCodes", MEMBERS), false)).expect(200);
        Path root = Path.of(System.getProperty(RunningEcoPlan.ROOT_PROPERTY, "../..")).toAbsolutePath().normalize();
        byte[] csv = Files.readAllBytes(root.resolve("plan-service/src/main/resources/episode/example-duties.csv"));
        HttpRequest request = HttpRequest.newBuilder(ecoplan.uri(LocalService.PLAN, "/duty-lists/csv?example=true&source="
                + URLEncoder.encode("example-duties.csv", StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv; charset=UTF-8")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build();
        HttpResponse<String> loaded;
        try {
            loaded = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot load the example duty list", e);
        }
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
        assertThat(ecoplan.mapper().readTree(loaded.body()).path("example").asBoolean()).isTrue();
    }

    private static void assertMessagesAndAlerts(RunningEcoPlan ecoplan, String supervisor, String episode) {
        // Each unit: its duties at activation and at the upgrade, the lifting; the missing report where it missed one.
        for (String unit : MEMBERS) {
            List<String> expected = new ArrayList<>(List.of("EPISODE_DUTIES", "EPISODE_DUTIES", "EPISODE_LIFTED"));
            if (unit.equals(MISSES_DAY_ONE) || unit.equals(LATE_ON_DAY_TWO)) {
                expected.add("EPISODE_REPORT_MISSING");
            }
            assertThat(inbox(ecoplan, supervisor, "box=DEPARTMENT&department=" + unit, episode)).as("%s's inbox", unit)
                    .containsExactlyInAnyOrderElementsOf(expected);
            List<String> head = NEVER_ACKNOWLEDGE.contains(unit) ? List.of("EPISODE_ESCALATED_TO_HEAD", "EPISODE_ESCALATED_TO_HEAD")
                    : List.of();
            assertThat(inbox(ecoplan, supervisor, "box=DEPARTMENT_HEAD&department=" + unit, episode)).as("%s's head", unit)
                    .containsExactlyInAnyOrderElementsOf(head);
        }
        assertThat(alertLog(ecoplan, supervisor, episode)).containsExactlyInAnyOrder("EPISODE_UNACKNOWLEDGED POLICE@rev1", "EPISODE_UNACKNOWLEDGED WEATHER@rev1",
                "EPISODE_ESCALATED_TO_HEAD POLICE@rev1", "EPISODE_ESCALATED_TO_HEAD WEATHER@rev1",
                "EPISODE_UNACKNOWLEDGED POLICE@rev2", "EPISODE_UNACKNOWLEDGED WEATHER@rev2",
                "EPISODE_ESCALATED_TO_HEAD POLICE@rev2", "EPISODE_ESCALATED_TO_HEAD WEATHER@rev2",
                "EPISODE_REPORT_MISSING HEALTH@" + DAY_ONE, "EPISODE_REPORT_MISSING EDUCATION@" + DAY_TWO);
        // Every escalation and missing report reached the supervisors, each once.
        assertThat(inbox(ecoplan, supervisor, "box=SUPERVISORS", episode)).hasSize(10)
                .containsOnly("EPISODE_UNACKNOWLEDGED", "EPISODE_ESCALATED_TO_HEAD", "EPISODE_REPORT_MISSING");
    }

    private static void assertAssessment(RunningEcoPlan ecoplan, String supervisor, String episode,
            Map<String, BigDecimal> filed) {
        JsonNode assessment = ecoplan.http().get(ecoplan.uri(LocalService.NOTIFICATION, "/episodes/" + episode + "/assessment"),
                supervisor).expect(200).json();
        assertThat(assessment.path("lifted").asBoolean()).isTrue();
        assertThat(assessment.path("level").asText()).isEqualTo("ORANGE");
        JsonNode counts = assessment.path("counts");
        Map<String, Integer> actual = new LinkedHashMap<>();
        counts.fields().forEachRemaining(field -> actual.put(field.getKey(), field.getValue().asInt()));
        assertThat(actual).isEqualTo(Map.of("units", 12, "acknowledgedOnTime", 20, "acknowledgedLate", 0, "notAcknowledged", 4,
                "unitsNeverAcknowledged", 2, "reportsDue", 24, "reportsOnTime", 22, "reportsLate", 1, "reportsMissing", 1));
        Set<String> never = new LinkedHashSet<>();
        Map<String, String> late = new TreeMap<>();
        Map<String, String> missing = new TreeMap<>();
        for (JsonNode unit : assessment.path("units")) {
            String code = unit.path("departmentCode").asText();
            if (unit.path("neverAcknowledged").asBoolean()) {
                never.add(code);
            }
            if (!unit.path("reportedLate").isEmpty()) {
                late.put(code, unit.path("reportedLate").toString());
            }
            if (!unit.path("missing").isEmpty()) {
                missing.put(code, unit.path("missing").toString());
            }
        }
        assertThat(never).containsExactlyInAnyOrderElementsOf(NEVER_ACKNOWLEDGE);
        assertThat(late).isEqualTo(Map.of(LATE_ON_DAY_TWO, "[\"" + DAY_TWO + "\"]"));
        assertThat(missing).isEqualTo(Map.of(MISSES_DAY_ONE, "[\"" + DAY_ONE + "\"]"));
        Map<String, BigDecimal> totals = new TreeMap<>();
        assessment.path("totals").forEach(total -> totals.put(total.path("name").asText(), total.path("total").decimalValue()));
        assertThat(totals).isEqualTo(filed);
        assertThat(totals).containsEntry("停工工地数", new BigDecimal(2)).containsEntry("检查工地数", new BigDecimal(3));

        JsonNode air = assessment.path("airQuality");
        List<String> days = new ArrayList<>();
        air.path("days").forEach(day -> days.add(day.path("date").asText() + " AQI " + day.path("aqi").asInt() + " ("
                + day.path("aqiRaw").decimalValue().toPlainString() + ") " + day.path("aqiLevel").asText() + " "
                + day.path("aqiLevelName").asText() + " PM2.5 " + day.path("pm25").asInt() + " ("
                + day.path("pm25Raw").decimalValue().toPlainString() + ") heavy " + day.path("heavy").asBoolean()));
        assertThat(days).containsExactly(
                DAY_ONE + " AQI 180 (180) MODERATELY_POLLUTED 中度污染 PM2.5 136 (135.5) heavy false",
                DAY_TWO + " AQI 237 (236.2) HEAVILY_POLLUTED 重度污染 PM2.5 186 (186.4) heavy true",
                DAY_THREE + " AQI 160 (160) MODERATELY_POLLUTED 中度污染 PM2.5 120 (120.4) heavy false");
        assertThat(air.path("heavyDays").asInt()).isEqualTo(1);
        assertThat(air.path("heavyDaysThisYear").asInt()).isEqualTo(2);
        assertThat(air.path("heavyDayBudget").asInt()).isEqualTo(3);
        assertThat(air.path("heavyDaysLeft").asInt()).isEqualTo(1);
        assertThat(air.path("summaryText").asText()).isEqualTo("过程共3天，重污染1天；2099年累计重污染2天（全年不超过3天），尚余1天");
    }

    /** The rules of the messages in one inbox about the episode. */
    private static List<String> inbox(RunningEcoPlan ecoplan, String supervisor, String box, String episode) {
        List<String> rules = new ArrayList<>();
        ecoplan.all(LocalService.NOTIFICATION, "/inbox/messages?" + box + "&subject=" + episode, supervisor)
                .forEach(message -> rules.add(message.path("rule").asText()));
        return rules;
    }

    /** Each member's report items at the level just set: every duty's items, once each. */
    private static Map<String, List<String>> reportItems(JsonNode episode) {
        Map<String, List<String>> items = new TreeMap<>();
        for (JsonNode member : episode.path("members")) {
            Set<String> own = new LinkedHashSet<>();
            member.path("duties").forEach(duty -> duty.path("reportItems").forEach(item -> own.add(item.asText())));
            items.put(member.path("departmentCode").asText(), List.copyOf(own));
        }
        return items;
    }

    /** Files a unit's response with {@code value} for each item (its own key: a retry cannot file twice). */
    private static void respond(RunningEcoPlan ecoplan, String episode, String unit, LocalDate day, List<String> items, int value,
            Map<String, BigDecimal> filed) {
        List<Map<String, Object>> quantities = new ArrayList<>();
        for (String item : items) {
            quantities.add(Map.of("name", item, "value", value));
            filed.merge(item, BigDecimal.valueOf(value), BigDecimal::add);
        }
        String reporter = ecoplan.token("reporter", unit, "episode." + unit);
        ecoplan.http().post(ecoplan.uri(LocalService.PROGRESS, "/episodes/" + episode + "/responses"), reporter,
                Map.of("day", day.toString(), "quantities", quantities, "narrative", "已按预警级别落实应急减排措施"),
                "episode-" + episode + "-" + unit + "-" + day, Map.of()).expect(201);
    }

    private static void acknowledgeAllBut(RunningEcoPlan ecoplan, String episode) {
        for (String unit : MEMBERS) {
            if (!NEVER_ACKNOWLEDGE.contains(unit)) {
                ecoplan.http().post(ecoplan.uri(LocalService.NOTIFICATION, "/episodes/" + episode + "/acknowledgement"),
                        ecoplan.token("reporter", unit, "episode." + unit), null, null, Map.of()).expect(200);
            }
        }
    }

    private static void awaitRequests(RunningEcoPlan ecoplan, String supervisor, String episode, int requests) {
        Eventually.await("notification-service sent " + requests + " acknowledgement requests", SETTLE, () -> {
            int sent = ecoplan.http().get(ecoplan.uri(LocalService.NOTIFICATION, "/episodes/" + episode + "/acknowledgements"),
                    supervisor).expect(200).json().size();
            return sent == requests ? null : sent + " sent";
        });
    }

    /**
     * Runs the episode checks now and holds the alert log to what is due by the clock: every earlier alert and
     * {@code due}, each once. The schedulers run on their own crons too (real time, business clock): one may have
     * raised some of {@code due} between the clock being set and this run, so the run raises those not raised yet.
     */
    private static void check(RunningEcoPlan ecoplan, String admin, String supervisor, String episode, List<String> alerts,
            String... due) {
        List<String> raised = new ArrayList<>();
        ecoplan.http().post(ecoplan.uri(LocalService.NOTIFICATION, "/episode-checks/run"), admin, null, null, Map.of())
                .expect(200).json().path("raised").forEach(alert -> raised.add(alert.path("rule").asText() + " "
                        + alert.path("period").asText()));
        assertThat(raised).as("raised by this run").isSubsetOf(due).doesNotHaveDuplicates();
        alerts.addAll(List.of(due));
        assertThat(alertLog(ecoplan, supervisor, episode)).as("the episode's alerts").containsExactlyInAnyOrderElementsOf(alerts);
    }

    private static List<String> alertLog(RunningEcoPlan ecoplan, String supervisor, String episode) {
        List<String> log = new ArrayList<>();
        ecoplan.all(LocalService.NOTIFICATION, "/alerts?subject=" + episode, supervisor)
                .forEach(alert -> log.add(alert.path("rule").asText() + " " + alert.path("period").asText()));
        return log;
    }

    private static void observe(RunningEcoPlan ecoplan, String integrator, List<Map<String, Object>> observations) {
        ecoplan.http().post(ecoplan.uri(LocalService.INDICATOR, "/observations"), integrator, Map.of("observations", observations),
                null, Map.of()).expect(200);
    }

    private static Map<String, Object> aqi(LocalDate day, String value) {
        return Map.of("series", "AQI_DAILY", "area", "YANQING", "period", day.toString(), "value", new BigDecimal(value),
                "hours", 24, "source", "区环境监测站");
    }

    private static Map<String, Object> pm25(LocalDate day, String value) {
        return Map.of("series", "PM25_DAILY", "area", "YANQING", "period", day.toString(), "value", new BigDecimal(value),
                "hours", 24, "source", "区环境监测站");
    }

    private static void setClocks(RunningEcoPlan ecoplan, String admin, LocalDate date, int hour) {
        for (LocalService service : CLOCKED) {
            setClock(ecoplan, admin, service, date, hour);
        }
    }

    private static void setClock(RunningEcoPlan ecoplan, String admin, LocalService service, LocalDate date, int hour) {
        JsonNode set = ecoplan.http().send(new Http.Call("PUT", ecoplan.uri(service, "/admin/clock"), admin, Map.of(),
                Map.of("date", date.toString(), "hour", hour), false)).expect(200).json();
        assertThat(set.path("today").asText()).as(service.serviceName()).isEqualTo(date.toString());
    }

    private static String at(LocalDate day, int hour) {
        return day.atStartOfDay(BEIJING).plusHours(hour).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
    }
}
