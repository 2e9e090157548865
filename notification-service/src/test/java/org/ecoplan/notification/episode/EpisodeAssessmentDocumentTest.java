package org.ecoplan.notification.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.indicator.contract.AirQualityDayChanged;
import org.ecoplan.indicator.contract.AqiLevel;
import org.ecoplan.progress.contract.EpisodeResponseEvents;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted.Quantity;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The assessment as a document: a yellow warning upgraded to orange and lifted on day 3, two member units (one
 * acknowledges both levels and reports every day on time, the other never acknowledges, is escalated, reports day 1
 * late and misses day 2), the district's air on each day; then the same figures read back from the Word document's
 * table cells (POI), the HTML's text and the PDF's text (PDFBox), with the RFC 6266 file name, and 406 for a type the
 * endpoint does not make.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class EpisodeAssessmentDocumentTest {

    private static final String SUPERVISOR = "Bearer " + Tokens.token(Set.of("supervisor"), null, "supervisor-wang");
    private static final String ADMIN = Tokens.bearer("admin", null);
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /** A year no other test writes air quality for: the year's heavy days are this test's alone. */
    private static final LocalDate DAY_ONE = LocalDate.of(2032, 1, 10);
    private static final String TITLE = "重污染天气应急响应评估（橙色预警 2032年1月10日—2032年1月12日）";
    private static final String SUMMARY = "过程共3天，重污染1天；2032年累计重污染1天（全年不超过3天），尚余2天";

    @Inject
    BusinessClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    @Test
    void theAssessmentIsReadableAsWordHtmlAndPdfWithTheSameFigures() throws Exception {
        String prefix = "EAD" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        String housing = prefix + "HOUSING";
        String urban = prefix + "URBAN";
        Map<String, String> names = Map.of(housing, "区住房城乡建设委", urban, "区城市管理委");
        String episodeId = UUID.randomUUID().toString();
        LocalDate dayTwo = DAY_ONE.plusDays(1);
        LocalDate dayThree = DAY_ONE.plusDays(2);
        Instant start = at(DAY_ONE, 8);

        clock.setTo(start);
        EpisodeEventFixture.publish(state(episodeId, 1, EpisodeEvents.ACTIVATED, WarningLevel.YELLOW, start, null, names));
        awaitRequests(episodeId, 2);
        clock.setTo(at(DAY_ONE, 8).plus(Duration.ofMinutes(30)));
        acknowledge(episodeId, housing);
        clock.setTo(at(DAY_ONE, 13));
        escalate();

        clock.setTo(at(dayTwo, 8));
        EpisodeEventFixture.publish(state(episodeId, 2, EpisodeEvents.LEVEL_CHANGED, WarningLevel.ORANGE, start, null, names));
        awaitRequests(episodeId, 4);
        clock.setTo(at(dayTwo, 9));
        acknowledge(episodeId, housing);
        clock.setTo(at(dayTwo, 13));
        escalate();

        respond(episodeId, housing, names, DAY_ONE, at(DAY_ONE, 18), 30);
        respond(episodeId, urban, names, DAY_ONE, at(DAY_ONE, 21), 12);
        respond(episodeId, housing, names, dayTwo, at(dayTwo, 19), 25);
        await().atMost(Duration.ofSeconds(30)).until(() -> EpisodeEventFixture.count(dataSource, "select count(*) from episode_report where episode_id = '"
                + episodeId + "'") == 3);
        airDay(DAY_ONE, "180.2", "135.5");
        airDay(dayTwo, "236.2", "186.4");

        Instant liftedAt = at(dayThree, 8);
        clock.setTo(liftedAt);
        EpisodeEventFixture.publish(state(episodeId, 3, EpisodeEvents.LIFTED, WarningLevel.ORANGE, start, liftedAt, Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> EpisodeEventFixture.count(dataSource, "select count(*) from episode_watch where episode_id = '"
                + episodeId + "' and lifted_at is not null") == 1);
        clock.setTo(at(dayThree, 10));

        // JSON stays the default (RestAssured asks for */*), now with the issuer, the levels and the escalations.
        JsonPath json = given().header("Authorization", SUPERVISOR).when().get("/episodes/" + episodeId + "/assessment")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(json.getString("issuer")).isEqualTo("CITY");
        assertThat(json.getString("issuerName")).isEqualTo("市级预警");
        assertThat(json.getList("levels.levelName", String.class)).containsExactly("黄色预警", "橙色预警");
        assertThat(json.getList("units[1].acknowledgements.escalatedTo")).containsExactly(List.of("SUPERVISORS", "HEAD"),
                List.of("SUPERVISORS", "HEAD"));
        assertThat(json.getList("units[0].acknowledgements.escalatedTo")).containsExactly(List.of(), List.of());

        String housingName = "区住房城乡建设委（" + housing + "）";
        String urbanName = "区城市管理委（" + urban + "）";
        List<List<String>> levels = List.of(List.of("过程", "预警级别", "任务下达时间"),
                List.of("启动", "黄色预警（YELLOW）", "2032年1月10日 08:00"), List.of("调整", "橙色预警（ORANGE）", "2032年1月11日 08:00"),
                List.of("解除", "—", "2032年1月12日 08:00"));
        // Units in code order (…-HOUSING before …-URBAN), each level's request in turn.
        List<List<String>> acknowledgements = List.of(List.of("成员单位", "预警级别", "签收时间", "是否超时", "督办升级"),
                List.of(housingName, "黄色预警", "2032年1月10日 08:30", "按时", "否"),
                List.of(housingName, "橙色预警", "2032年1月11日 09:00", "按时", "否"),
                List.of(urbanName, "黄色预警", "未签收", "—", "已督办，已报单位负责人"),
                List.of(urbanName, "橙色预警", "未签收", "—", "已督办，已报单位负责人"));
        List<List<String>> daily = List.of(List.of("日期", "按时报送", "迟报", "未报"),
                List.of("1月10日", "区住房城乡建设委", "区城市管理委", "—"), List.of("1月11日", "区住房城乡建设委", "—", "区城市管理委"));
        List<List<String>> totals = List.of(List.of("报送项目", "合计", "报送单位"), List.of("检查工地数", "67", "区住房城乡建设委、区城市管理委"));
        List<List<String>> air = List.of(List.of("日期", "AQI", "空气质量级别", "PM2.5（微克/立方米）", "重污染日"),
                List.of("1月10日", "181", "中度污染", "136", "否"), List.of("1月11日", "237", "重度污染", "186", "是"),
                List.of("1月12日", "—", "—", "—", "否"));

        // Word: the title, and every table cell as written.
        ExtractableResponse<Response> word = document(episodeId, DOCX);
        assertThat(word.header("Content-Disposition")).isEqualTo("attachment; filename=\"episode-assessment-2032-01-10.docx\"; "
                + "filename*=UTF-8''" + URLEncoder.encode("重污染天气应急响应评估-2032-01-10.docx", StandardCharsets.UTF_8));
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(word.asByteArray()))) {
            assertThat(docx.getParagraphs().get(0).getText()).isEqualTo(TITLE);
            assertThat(docx.getParagraphs().stream().map(p -> p.getText()).toList())
                    .contains("一、预警过程", "二、成员单位响应", "三、每日报送", "四、报送数量合计", "五、空气质量", SUMMARY + "。",
                            "注：1月12日暂无有效AQI，未计入重污染天数。");
            assertThat(docx.getTables()).hasSize(5);
            assertThat(cells(docx.getTables().get(0))).isEqualTo(levels);
            assertThat(cells(docx.getTables().get(1))).isEqualTo(acknowledgements);
            assertThat(cells(docx.getTables().get(2))).isEqualTo(daily);
            assertThat(cells(docx.getTables().get(3))).isEqualTo(totals);
            assertThat(cells(docx.getTables().get(4))).isEqualTo(air);
        }

        // HTML: inline, the same words.
        ExtractableResponse<Response> html = document(episodeId, "text/html");
        assertThat(html.header("Content-Disposition")).isEqualTo("inline");
        String page = html.asString();
        assertThat(page).contains("<h1>" + TITLE + "</h1>", "本次预警为市级预警（CITY）", "<td>" + urbanName + "</td>",
                "已督办，已报单位负责人", "<td>区住房城乡建设委、区城市管理委</td>", SUMMARY).doesNotContain("<script");

        // PDF: Chinese as extractable text (the CJK font embedded), the same figures.
        ExtractableResponse<Response> pdf = document(episodeId, "application/pdf");
        assertThat(pdf.header("Content-Disposition")).startsWith("attachment; filename=\"episode-assessment-2032-01-10.pdf\"; "
                + "filename*=UTF-8''" + URLEncoder.encode("重污染天气应急响应评估-2032-01-10", StandardCharsets.UTF_8));
        try (PDDocument read = Loader.loadPDF(pdf.asByteArray())) {
            String text = new PDFTextStripper().getText(read).replaceAll("\\s+", "");
            assertThat(text).contains(TITLE.replace(" ", ""), "一、预警过程", "橙色预警（ORANGE）", "已督办，已报单位负责人", "检查工地数67",
                    "1月11日237重度污染186是", SUMMARY);
        }

        // A type the endpoint does not make.
        given().header("Authorization", SUPERVISOR).accept("text/plain").when().get("/episodes/" + episodeId + "/assessment")
                .then().statusCode(406).contentType("application/problem+json");
    }

    private static ExtractableResponse<Response> document(String episodeId, String mediaType) {
        return given().header("Authorization", SUPERVISOR).accept(mediaType).when().get("/episodes/" + episodeId + "/assessment")
                .then().statusCode(200).contentType(mediaType).extract();
    }

    private static List<List<String>> cells(XWPFTable table) {
        return table.getRows().stream().map(row -> row.getTableCells().stream().map(XWPFTableCell::getText).toList()).toList();
    }

    private static void escalate() {
        given().header("Authorization", ADMIN).when().post("/episode-checks/run").then().statusCode(200);
    }

    private static void acknowledge(String episodeId, String unit) {
        given().header("Authorization", Tokens.bearer("reporter", unit)).when().post("/episodes/" + episodeId + "/acknowledgement")
                .then().statusCode(200);
    }

    private void awaitRequests(String episodeId, int requests) {
        await().atMost(Duration.ofSeconds(30)).until(() -> EpisodeEventFixture.count(dataSource, "select count(*) from episode_acknowledgement where episode_id = '"
                + episodeId + "'") == requests);
    }

    private static void respond(String episodeId, String unit, Map<String, String> names, LocalDate day, Instant filedAt, int value) {
        String id = UUID.nameUUIDFromBytes((episodeId + unit + day).getBytes(StandardCharsets.UTF_8)).toString();
        EpisodeResponseSubmitted response = new EpisodeResponseSubmitted(id, 1, episodeId, unit, names.get(unit), day, "YELLOW",
                List.of(new Quantity("检查工地数", BigDecimal.valueOf(value))), "已落实", "reporter-" + unit, filedAt, filedAt,
                null, 0);
        try (var writer = new EventWriter("/ecoplan/progress-service")) {
            writer.send(EpisodeResponseEvents.TOPIC, EpisodeResponseEvents.AGGREGATE_TYPE, episodeId,
                    EpisodeResponseEvents.RESPONSE_SUBMITTED.eventType(), response);
        }
    }

    /** The district's day, and waits until the consumer has processed it. */
    private void airDay(LocalDate date, String aqi, String pm25) {
        AqiLevel level = AqiLevel.of(new BigDecimal(aqi));
        EpisodeEventFixture.applied(dataSource, new AirQualityDayChanged("YANQING", "YANQING", "DISTRICT", date, 1,
                new BigDecimal(aqi), true, level, level.heavy(), new BigDecimal(pm25), true, at(date, 23)));
    }

    private Instant at(LocalDate day, int hour) {
        return day.atStartOfDay(clock.zone()).plusHours(hour).toInstant();
    }

    private static EpisodeState state(String id, long revision, EpisodeEvents change, WarningLevel level, Instant start,
            Instant liftedAt, Map<String, String> units) {
        List<EpisodeState.MemberDuties> members = units.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(unit -> new EpisodeState.MemberDuties(unit.getKey(), unit.getValue(),
                        List.of(new EpisodeState.Duty(level, "停止土石方作业", List.of("检查工地数"))))).toList();
        return new EpisodeState(id, revision, change.name(), level, level.chineseName(),
                change == EpisodeEvents.LEVEL_CHANGED ? WarningLevel.YELLOW : null, "CITY", "重污染过程", start,
                start.plus(Duration.ofDays(3)), liftedAt, liftedAt != null ? liftedAt : start, "city-aqi-system", 1, members);
    }
}
