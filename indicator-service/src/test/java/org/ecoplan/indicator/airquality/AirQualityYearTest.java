package org.ecoplan.indicator.airquality;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A generated, realistic year of daily air data for the district (winter high, summer ozone, a few heavy
 * pollution episodes, a February with too few valid days), imported as CSV; the annual figures, the
 * projection with last year's profile and the "rest of the year" values are checked against the same
 * formulas computed here independently.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class AirQualityYearTest {

    private static final double PM25_TARGET = 26;

    @Inject
    BusinessClock clock;

    @BeforeEach
    void seed() {
        AppFixture.seedCatalogueReplicated();
    }

    record Day(LocalDate date, double pm25, int aqi, int hours) {
        boolean valid() {
            return hours >= 20;
        }
    }

    @Test
    void computesTheYearSoFarTheRestOfTheYearAndTheAnnualFigures() {
        List<Day> lastYear = generate(2025, new Random(2025));
        List<Day> thisYear = generate(2026, new Random(2026));
        List<Day> toSeptember = thisYear.stream().filter(day -> day.date().getMonthValue() <= 9).toList();
        List<Day> fromOctober = thisYear.stream().filter(day -> day.date().getMonthValue() > 9).toList();

        clock.setTo(LocalDate.of(2026, 10, 1), 10);
        importCsv(lastYear);
        importCsv(toSeptember);

        // Independent figures of 1 January - 30 September 2026.
        Expected soFar = Expected.of(toSeptember);
        int remaining = 365 - LocalDate.of(2026, 9, 30).getDayOfYear();
        JsonPath figures = given().queryParam("area", "YANQING").queryParam("year", 2026).get("/air-quality")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(soFar.validDays, figures.getInt("validPm25Days"));
        assertEquals(soFar.pm25Sum / soFar.validDays, figures.getDouble("pm25MeanRaw"), 1e-3);
        assertEquals(soFar.good, figures.getInt("goodDays"));
        assertEquals(soFar.heavy, figures.getInt("heavyPollutionDays"));
        assertEquals(100.0 * soFar.good / soFar.validDays, figures.getDouble("goodDaysRatioRaw"), 1e-3);
        assertEquals(remaining, figures.getInt("remainingDays"));
        assertTrue(figures.getBoolean("provisional"), "February has 23 valid days, 25 needed");
        assertTrue(figures.getList("provisionalReasons", String.class).stream().anyMatch(reason -> reason.startsWith("2026-02")));

        String pm25 = SeedCatalogue.indicator(1).id();
        String goodDays = SeedCatalogue.indicator(2).id();
        String heavyDays = SeedCatalogue.indicator(3).id();

        double expectedDays = soFar.validDays + remaining;
        double requiredMean = (PM25_TARGET * expectedDays - soFar.pm25Sum) / remaining;
        double projectedMean = (soFar.pm25Sum + remaining * profileMeanOfRest(toSeptember, lastYear)) / expectedDays;
        JsonPath pm25Status = given().get("/indicators/" + pm25).then().statusCode(200).extract().jsonPath();
        assertEquals(round(soFar.pm25Sum / soFar.validDays), pm25Status.getDouble("status.valueSoFar"), 0.001);
        assertEquals(round(requiredMean), pm25Status.getDouble("status.requiredForRest"), 0.001);
        assertEquals(round(projectedMean), pm25Status.getDouble("status.projectedValue"), 0.001);
        assertEquals("SEASONAL_PROFILE", pm25Status.getString("status.method"));
        assertEquals(expectedStatus(projectedMean, requiredMean), pm25Status.getString("status.status"));

        int goodNeeded = Math.max(0, (int) Math.ceil(0.8 * expectedDays - 1e-9) - soFar.good);
        given().get("/indicators/" + goodDays).then().statusCode(200)
                .body("status.requiredForRest", equalTo((float) goodNeeded))
                .body("target.comparison", equalTo("AT_LEAST"));
        given().get("/indicators/" + heavyDays).then().statusCode(200)
                .body("status.valueSoFar", equalTo((float) soFar.heavy))
                .body("status.requiredForRest", equalTo((float) Math.max(0, 3 - soFar.heavy)));

        // The judgement is published, keyed by the catalogue's indicator id.
        var published = EventReader.awaitRecord(IndicatorEvents.TOPIC,
                record -> pm25.equals(record.key()) && record.value().contains("\"requiredForRest\"")
                        && JsonPath.from(record.value()).get("requiredForRest") != null
                        && Math.abs(JsonPath.from(record.value()).getDouble("requiredForRest") - round(requiredMean)) < 0.001,
                Duration.ofSeconds(30));
        assertEquals(IndicatorEvents.INDICATOR_STATUS_CHANGED.eventType(), EventReader.header(published, "ce_type").orElseThrow());

        // The rest of the year arrives: annual figures of the whole year.
        clock.setTo(LocalDate.of(2027, 1, 1), 10);
        importCsv(fromOctober);
        Expected year = Expected.of(thisYear);
        given().queryParam("year", 2026).get("/air-quality").then().statusCode(200)
                .body("validPm25Days", equalTo(year.validDays))
                .body("goodDays", equalTo(year.good))
                .body("heavyPollutionDays", equalTo(year.heavy))
                .body("remainingDays", equalTo(0));
        double annualMean = year.pm25Sum / year.validDays;
        given().get("/indicators/" + pm25).then().statusCode(200)
                .body("status.valueSoFar", equalTo((float) round(annualMean)))
                .body("status.status", equalTo(annualMean <= PM25_TARGET ? "ACHIEVED" : "OFF_TRACK"));
        given().get("/indicators/" + heavyDays).then().statusCode(200)
                .body("status.status", equalTo(year.heavy <= 3 ? "ACHIEVED" : "OFF_TRACK"));
    }

    @Test
    void rejectsAFileWithBadRowsAndImportsNothing() {
        clock.setTo(LocalDate.of(2026, 3, 1), 10);
        String csv = """
                series,area,period,value,valid,hours,source
                PM25_DAILY,KANGZHUANG,2024-03-01,30,true,24,test
                PM25_DAILY,NOWHERE,2024-03-02,30,true,24,test
                PM25_DAILY,KANGZHUANG,2024-03-03,abc,true,24,test
                PM25_DAILY,KANGZHUANG,2024-03,30,true,24,test
                """;
        given().header("Authorization", Tokens.bearer(Roles.ADMIN, null)).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/observations/import").then().log().ifValidationFails().statusCode(422)
                .body("errors.field", hasItem("line 3 area"))
                .body("errors.field", hasItem("line 4 value"))
                .body("errors.field", hasItem("line 5 period"));
        given().queryParam("series", "PM25_DAILY").queryParam("area", "KANGZHUANG").queryParam("period", "2024-03-01")
                .get("/observations/history").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void keepsTheReplacedValueWhenAValueIsCorrected() {
        clock.setTo(LocalDate.of(2026, 3, 1), 10);
        String admin = Tokens.bearer(Roles.ADMIN, null);
        for (String value : List.of("41.0", "41.0", "38.5")) {
            given().header("Authorization", admin).contentType("application/json")
                    .body("{\"observations\":[{\"series\":\"PM25_DAILY\",\"area\":\"八达岭镇\",\"period\":\"2023-02-01\",\"value\":" + value + ",\"hours\":24}]}")
                    .post("/observations").then().statusCode(200);
        }
        given().queryParam("series", "PM25_DAILY").queryParam("area", "BADALING").queryParam("period", "2023-02-01")
                .get("/observations/history").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].value", equalTo(41.0f)).body("[0].current", equalTo(false))
                .body("[1].value", equalTo(38.5f)).body("[1].current", equalTo(true));
    }

    @Test
    void namesTheEntryAndFieldThatCannotBeRecorded() {
        given().header("Authorization", Tokens.bearer(Roles.INTEGRATOR, null)).contentType("application/json; charset=UTF-8")
                .body("{\"observations\":[{\"series\":\"AQI_DAILY\",\"area\":\"康庄镇\",\"period\":\"2023-03-01\",\"value\":40},"
                        + "{\"series\":\"AQI_DAILY\",\"area\":\"火星\",\"period\":\"2023-03\",\"value\":40}]}")
                .post("/observations").then().statusCode(422)
                .body("errors.field", hasItem("observations[1].area"))
                .body("errors.field", hasItem("observations[1].period"));
        given().queryParam("series", "AQI_DAILY").queryParam("area", "KANGZHUANG").queryParam("period", "2023-03-01")
                .get("/observations/history").then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", Tokens.bearer(Roles.REPORTER, "ENV")).contentType("application/json")
                .body("{\"observations\":[{\"series\":\"AQI_DAILY\",\"period\":\"2023-03-01\",\"value\":40}]}")
                .post("/observations").then().statusCode(403);
    }

    @Test
    void ranksSubdistrictsAndTownsByMonthlyPm25WorstFirst() {
        clock.setTo(LocalDate.of(2026, 12, 15), 10);
        StringBuilder csv = new StringBuilder("series,area,period,value,valid,hours,source\n");
        var areas = org.ecoplan.indicator.observation.Area.subdistrictsAndTowns();
        for (int i = 0; i < areas.size(); i++) {
            for (int day = 1; day <= 30; day++) {
                // Area i has a mean of 20 + i; KANGZHUANG (index 4) is made the worst.
                double value = (i == 4 ? 60 : 20 + i) + (day % 2 == 0 ? 1 : -1);
                csv.append("PM25_DAILY,").append(areas.get(i).code()).append(",2025-11-").append(String.format("%02d", day))
                        .append(',').append(value).append(",true,24,test\n");
            }
        }
        given().header("Authorization", Tokens.bearer(Roles.INTEGRATOR, null)).contentType("text/csv; charset=UTF-8").body(csv.toString())
                .post("/observations/import").then().log().ifValidationFails().statusCode(200).body("created", equalTo(18 * 30));
        given().queryParam("month", "2025-11").get("/air-quality/ranking").then().statusCode(200)
                .body("size()", equalTo(18))
                .body("[0].area", equalTo("KANGZHUANG")).body("[0].rank", equalTo(1)).body("[0].pm25Mean", equalTo(60.0f))
                .body("[1].area", equalTo("ZHENZHUQUAN")).body("[17].rank", equalTo(18))
                .body("[0].provisional", equalTo(false));

        // All areas at once (one query per metric) give what each area gives alone.
        JsonPath allAreas = given().queryParam("year", 2025).get("/air-quality/areas").then().statusCode(200)
                .body("size()", equalTo(19)).body("[0].area", equalTo("YANQING")).extract().jsonPath();
        for (String area : List.of("YANQING", "KANGZHUANG", "ZHENZHUQUAN")) {
            Map<String, Object> alone = given().queryParam("area", area).queryParam("year", 2025).get("/air-quality").then()
                    .statusCode(200).extract().jsonPath().getMap("");
            assertEquals(alone, allAreas.getMap("find { it.area == '" + area + "' }"), area);
        }
    }

    // ---- independent computation -------------------------------------------------------------------

    record Expected(int validDays, double pm25Sum, int good, int heavy) {
        static Expected of(List<Day> days) {
            int valid = 0;
            double sum = 0;
            int good = 0;
            int heavy = 0;
            for (Day day : days) {
                if (day.valid()) {
                    valid++;
                    sum += day.pm25();
                    good += day.aqi() <= 100 ? 1 : 0;
                    heavy += day.aqi() > 200 ? 1 : 0;
                }
            }
            return new Expected(valid, sum, good, heavy);
        }
    }

    /** Last year's valid days after 30 September, scaled by Σ this year / Σ last year over shared calendar days. */
    private static double profileMeanOfRest(List<Day> thisYear, List<Day> lastYear) {
        Map<MonthDay, Double> last = new HashMap<>();
        lastYear.stream().filter(Day::valid).forEach(day -> last.put(MonthDay.from(day.date()), day.pm25()));
        double thisSum = 0;
        double lastSum = 0;
        for (Day day : thisYear) {
            if (day.valid() && last.containsKey(MonthDay.from(day.date()))) {
                thisSum += day.pm25();
                lastSum += last.get(MonthDay.from(day.date()));
            }
        }
        double ratio = thisSum / lastSum;
        List<Double> rest = new ArrayList<>();
        last.forEach((day, value) -> {
            if (day.isAfter(MonthDay.of(9, 30))) {
                rest.add(value * ratio);
            }
        });
        return rest.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static String expectedStatus(double projected, double required) {
        if (required < 0) {
            return "OFF_TRACK";
        }
        if (projected <= PM25_TARGET * 0.97) {
            return "ON_TRACK";
        }
        return projected > PM25_TARGET * 1.05 ? "OFF_TRACK" : "AT_RISK";
    }

    private static double round(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private static void importCsv(List<Day> days) {
        StringBuilder csv = new StringBuilder("metric,area,date,value,hours,source\n");
        for (Day day : days) {
            csv.append("PM25_DAILY,延庆区,").append(day.date()).append(',').append(day.pm25()).append(',').append(day.hours()).append(",监测站\n");
            csv.append("AQI_DAILY,延庆区,").append(day.date()).append(',').append(day.aqi()).append(',').append(day.hours()).append(",监测站\n");
        }
        given().header("Authorization", Tokens.bearer(Roles.ADMIN, null)).contentType("text/csv; charset=UTF-8").body(csv.toString())
                .post("/observations/import").then().log().ifValidationFails().statusCode(200).body("rows", equalTo(days.size() * 2));
    }

    /**
     * Winter-high PM2.5 around a seasonal curve with log-normal noise, three winter episodes (heavy
     * pollution), summer ozone lifting the AQI on some days, and a February with 5 days below 20 hours.
     */
    static List<Day> generate(int year, Random random) {
        List<Day> days = new ArrayList<>();
        for (LocalDate date = LocalDate.of(year, 1, 1); date.getYear() == year; date = date.plusDays(1)) {
            int doy = date.getDayOfYear();
            double seasonal = 24 + 15 * Math.cos(2 * Math.PI * (doy - 15) / 365.0);
            double pm25 = Math.max(3, seasonal * Math.exp(random.nextGaussian() * 0.45 - 0.1));
            boolean episode = (doy >= 20 && doy <= 21) || doy == 350;
            if (episode) {
                pm25 = 155 + random.nextInt(40);
            }
            pm25 = Math.round(pm25 * 10) / 10.0;
            double ozone = Math.max(0, 45 + 40 * Math.sin(Math.PI * (doy - 90) / 180.0) + random.nextGaussian() * 20);
            int aqi = (int) Math.round(Math.max(iaqiPm25(pm25), doy > 90 && doy < 270 ? ozone : 0));
            int hours = date.getMonthValue() == 2 && date.getDayOfMonth() <= 5 ? 15 : random.nextInt(50) == 0 ? 19 : 24;
            days.add(new Day(date, pm25, aqi, hours));
        }
        return days;
    }

    /** HJ 633-2012 individual index of 24-hour PM2.5. */
    static double iaqiPm25(double concentration) {
        double[] c = {0, 35, 75, 115, 150, 250, 350, 500};
        double[] i = {0, 50, 100, 150, 200, 300, 400, 500};
        for (int k = 1; k < c.length; k++) {
            if (concentration <= c[k]) {
                return (i[k] - i[k - 1]) / (c[k] - c[k - 1]) * (concentration - c[k - 1]) + i[k - 1];
            }
        }
        return 500;
    }
}
