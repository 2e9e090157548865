package org.ecoplan.indicator.airquality;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.indicator.contract.AqiLevel;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Each area's daily air quality goes out whole on the indicator topic (through the outbox, checked against
 * asyncapi.yaml by the reader) whenever its AQI or PM2.5 is recorded or corrected, keyed by area and day, with a
 * revision that grows with every change; the same value again publishes nothing.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class AirQualityDayEventTest {

    private static final String AREA = "JINGZHUANG";

    @Inject
    BusinessClock clock;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    @Test
    void aDayIsPublishedWholeOnEveryChangeAndTheLatestRevisionWins() {
        clock.setTo(LocalDate.of(2019, 3, 10), 9);
        String heavyDay = AREA + "/2019-03-07";
        String invalidDay = AREA + "/2019-03-08";

        // AQI and PM2.5 of one day in one request: one event with both, revision 2. 200.4 is published as 201: heavy.
        post(aqi("2019-03-07", "200.4", 24) + "," + pm25("2019-03-07", "150.5"));
        JsonPath first = JsonPath.from(await(heavyDay, 2).value());
        assertThat(first.getString("areaName")).isEqualTo("井庄镇");
        assertThat(first.getString("areaKind")).isEqualTo("TOWN");
        assertThat(first.getString("date")).isEqualTo("2019-03-07");
        assertThat(new BigDecimal(first.getString("aqi"))).isEqualByComparingTo("200.4");
        assertThat(first.getBoolean("aqiValid")).isTrue();
        assertThat(first.getString("aqiLevel")).isEqualTo("HEAVILY_POLLUTED");
        assertThat(first.getBoolean("heavy")).isTrue();
        assertThat(new BigDecimal(first.getString("pm25"))).isEqualByComparingTo("150.5");
        assertThat(first.getString("changedAt")).isEqualTo("2019-03-10T01:00:00Z");

        // The same values again change nothing; a corrected AQI publishes the day again, PM2.5 kept.
        post(aqi("2019-03-07", "200.4", 24));
        post(aqi("2019-03-07", "180", 24));
        JsonPath corrected = JsonPath.from(await(heavyDay, 3).value());
        assertThat(corrected.getString("aqiLevel")).isEqualTo("MODERATELY_POLLUTED");
        assertThat(corrected.getBoolean("heavy")).isFalse();
        assertThat(new BigDecimal(corrected.getString("pm25"))).isEqualByComparingTo("150.5");

        // An AQI from too few hourly values is not a heavy day, whatever its value; no PM2.5 yet.
        post(aqi("2019-03-08", "250", 12));
        JsonPath invalid = JsonPath.from(await(invalidDay, 1).value());
        assertThat(invalid.getBoolean("aqiValid")).isFalse();
        assertThat(invalid.getString("aqiLevel")).isEqualTo("HEAVILY_POLLUTED");
        assertThat(invalid.getBoolean("heavy")).isFalse();
        assertThat(invalid.getString("pm25")).isNull();
        assertThat(invalid.getString("pm25Valid")).isNull();

        // Events of one key are in order on one partition; the unchanged value published nothing (it would lie
        // between revisions 2 and 3).
        List<ConsumerRecord<String, String>> ofHeavyDay = EventReader.readCurrent(IndicatorEvents.TOPIC).stream()
                .filter(record -> heavyDay.equals(record.key())).toList();
        assertThat(ofHeavyDay).extracting(record -> JsonPath.from(record.value()).getLong("revision")).containsExactly(2L, 3L);
        assertThat(ofHeavyDay).extracting(record -> EventReader.header(record, "ce_type").orElse(""))
                .containsOnly("indicator.air-quality-day-changed.v1");
    }

    @Test
    void aqiIsPublishedRoundedUpAndItsCategoryFollowsThePublishedValue() {
        assertThat(AqiLevel.published(new BigDecimal("50"))).isEqualTo(50);
        assertThat(AqiLevel.of(new BigDecimal("50"))).isEqualTo(AqiLevel.EXCELLENT);
        assertThat(AqiLevel.of(new BigDecimal("50.1"))).isEqualTo(AqiLevel.GOOD);
        assertThat(AqiLevel.of(new BigDecimal("150"))).isEqualTo(AqiLevel.LIGHTLY_POLLUTED);
        assertThat(AqiLevel.of(new BigDecimal("200"))).isEqualTo(AqiLevel.MODERATELY_POLLUTED);
        assertThat(AqiLevel.of(new BigDecimal("200.01"))).isEqualTo(AqiLevel.HEAVILY_POLLUTED);
        assertThat(AqiLevel.of(new BigDecimal("300"))).isEqualTo(AqiLevel.HEAVILY_POLLUTED);
        assertThat(AqiLevel.of(new BigDecimal("301"))).isEqualTo(AqiLevel.SEVERELY_POLLUTED);
        assertThat(AqiLevel.MODERATELY_POLLUTED.heavy()).isFalse();
        assertThat(AqiLevel.HEAVILY_POLLUTED.heavy()).isTrue();
        assertThat(AqiLevel.SEVERELY_POLLUTED.heavy()).isTrue();
        assertThat(AqiLevel.HEAVILY_POLLUTED.chineseName()).isEqualTo("重度污染");
        assertThat(AqiLevel.publishedPm25(new BigDecimal("150.5"))).isEqualTo(151);
        assertThat(AqiLevel.publishedPm25(new BigDecimal("150.49"))).isEqualTo(150);
    }

    private static ConsumerRecord<String, String> await(String key, long revision) {
        return EventReader.awaitRecord(IndicatorEvents.TOPIC, record -> key.equals(record.key())
                && JsonPath.from(record.value()).getLong("revision") == revision, Duration.ofSeconds(30));
    }

    private static String aqi(String day, String value, int hours) {
        return "{\"series\":\"AQI_DAILY\",\"area\":\"%s\",\"period\":\"%s\",\"value\":%s,\"hours\":%d}".formatted(AREA, day, value, hours);
    }

    private static String pm25(String day, String value) {
        return "{\"series\":\"PM25_DAILY\",\"area\":\"%s\",\"period\":\"%s\",\"value\":%s,\"hours\":24}".formatted(AREA, day, value);
    }

    private static void post(String observations) {
        given().header("Authorization", Tokens.bearer(Roles.INTEGRATOR, null)).contentType("application/json")
                .body("{\"observations\":[" + observations + "]}").post("/observations").then().statusCode(200);
    }
}
