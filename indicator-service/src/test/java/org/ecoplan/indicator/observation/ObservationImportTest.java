package org.ecoplan.indicator.observation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;

/**
 * The CSV import through the service: what a file says is what the time series then shows, and a file with
 * one bad row changes nothing. Each test has its own area and month of 2031, so tests share no rows.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ObservationImportTest {

    private static final String HEADER = "series,area,period,value,valid,hours,source\r\n";

    @Test
    void storesQuotedCommasQuotesAndLineBreaksExactlyAsSent() {
        String csv = "\uFEFF" + HEADER
                + "PM25_DAILY,DAYUSHU,2031-05-01,31.5,true,24,\"监测中心,自动站\"\r\n"
                + "PM25_DAILY,DAYUSHU,2031-05-02,\"32\",true,24,\"站\"\"A\"\"\"\r\n"
                + "PM25_DAILY,DAYUSHU,2031-05-03,99999999999999.999999,true,24,\"第一行\n第二行\"\r\n";
        importCsv(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8").statusCode(200)
                .body("rows", equalTo(3)).body("created", equalTo(3));

        JsonPath stored = given().config(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL)))
                .queryParam("series", "PM25_DAILY").queryParam("area", "DAYUSHU").queryParam("from", "2031-05-01")
                .queryParam("to", "2031-05-31").get("/observations").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("监测中心,自动站", "站\"A\"", "第一行\n第二行"), stored.getList("items.source", String.class));
        List<BigDecimal> values = stored.getList("items.value", BigDecimal.class);
        assertEquals(3, values.size());
        assertEquals(0, new BigDecimal("31.5").compareTo(values.get(0)), values.toString());
        assertEquals(0, new BigDecimal("32").compareTo(values.get(1)), values.toString());
        assertEquals(0, new BigDecimal("99999999999999.999999").compareTo(values.get(2)), values.toString());
    }

    @Test
    void refusesTheWholeFileWhenOneRowIsBadAndStoresNothing() {
        String csv = HEADER
                + "PM25_DAILY,JINGZHUANG,2031-06-01,30,true,24,站\r\n"
                + "PM25_DAILY,JINGZHUANG,2031-06-02,1e15,true,24,站\r\n"
                + "PM25_DAILY,JINGZHUANG,2031-06-03,31,true,24,监测中心,自动站\r\n"
                + "PM25_DAILY,JINGZHUANG,2031-06-04,31.1234567,true,24,站\r\n";
        importCsv(csv.getBytes(StandardCharsets.UTF_8), "text/csv").statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", contains("line 3 value", "line 4", "line 5 value"))
                .body("errors[1].message", containsString("double quotes"));

        given().queryParam("series", "PM25_DAILY").queryParam("area", "JINGZHUANG").queryParam("from", "2031-06-01")
                .queryParam("to", "2031-06-30").get("/observations").then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void readsTheCharsetTheRequestNamesAndRefusesBytesThatAreNotText() {
        Charset gbk = Charset.forName("GBK");
        importCsv((HEADER + "PM25_DAILY,香营乡,2031-07-01,12,true,24,区环境监测站\r\n").getBytes(gbk), "text/csv; charset=GBK")
                .statusCode(200).body("created", equalTo(1));
        given().queryParam("series", "PM25_DAILY").queryParam("area", "XIANGYING").queryParam("from", "2031-07-01")
                .queryParam("to", "2031-07-01").get("/observations").then().statusCode(200)
                .body("items.source", contains("区环境监测站"));

        // The same GBK bytes declared as UTF-8: refused, not stored as U+FFFD.
        importCsv((HEADER + "PM25_DAILY,XIANGYING,2031-07-02,12,true,24,区环境监测站\r\n").getBytes(gbk), "text/csv")
                .statusCode(422).body("errors.field", contains("line 2")).body("errors[0].message", containsString("not UTF-8"));

        importCsv(HEADER.getBytes(StandardCharsets.UTF_8), "text/csv; charset=NO-SUCH-CHARSET").statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("Content-Type"));
    }

    private static ValidatableResponse importCsv(byte[] body, String contentType) {
        // No charset added by the client library: a request without one is read as UTF-8.
        return given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", Tokens.bearer(Roles.ADMIN, null)).contentType(contentType).body(body)
                .post("/observations/import").then().log().ifValidationFails();
    }
}
