package org.ecoplan.indicator.bulletin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.overview.DistrictCopy;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.web.security.Roles;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The monthly bulletin of June 2026, read back as a person gets it: the .docx opened with POI, the PDF with PDFBox,
 * the HTML as text. Every figure checked is compared with what the overview API answers for 30 June (the
 * bulletin's promise: one set of figures), and Chinese must come out of the PDF as text.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class BulletinTest {

    private static final String DISTRICT = "通报区";
    private static final String MONTH = "2026-06";
    private static final String AS_OF = "2026-06-30";
    private static final LocalDate TODAY = LocalDate.of(2026, 7, 10);
    private static final Instant APPROVED = Instant.parse("2026-06-06T02:00:00Z");
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @Inject
    BusinessClock clock;

    @Inject
    BulletinPublisher publisher;

    private static DistrictCopy copy;
    private static final Map<String, Long> sequences = new HashMap<>();
    private static boolean played;

    @BeforeEach
    void playJuneOnce() {
        clock.setTo(TODAY, 10);
        if (played) {
            return;
        }
        AppFixture.seedCatalogueReplicated();
        clock.setTo(TODAY, 10);
        copy = DistrictCopy.publish(DISTRICT);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = given().queryParam("district", DISTRICT).get("/overview");
            return response.statusCode() == 200 && response.jsonPath().getInt("measures.measures") == 212;
        });
        try (EventWriter progress = new EventWriter("/ecoplan/progress-service")) {
            send(progress, seed(m -> m.taskNumber() == 2 && m.position() == 1 && attachment(m) == 1), DeliveryState.BEHIND_PACE, 40);
            send(progress, seed(m -> m.taskNumber() == 18 && m.position() == 2 && attachment(m) == 2), DeliveryState.BEHIND_PACE, 30);
            send(progress, seed(m -> m.taskNumber() == 14 && m.position() == 2 && attachment(m) == 1), DeliveryState.AT_RISK, null);
            send(progress, seed(m -> m.taskNumber() == 21 && m.position() == 1 && attachment(m) == 2), DeliveryState.COMPLETED_ON_TIME, null);
            send(progress, seed(m -> m.taskNumber() == 1 && m.position() == 1 && attachment(m) == 3), DeliveryState.ON_TRACK, null);
            // Reports returned to their departments: 1 June 01:30 and 12 June in the district's calendar are June's
            // (the first is 31 May in UTC); 1 July 00:30 there is July's; a return of 延庆区 is another district's.
            MeasureState first = copy.measure(seed(m -> m.taskNumber() == 2 && m.position() == 1 && attachment(m) == 1));
            MeasureState second = copy.measure(seed(m -> m.taskNumber() == 14 && m.position() == 2 && attachment(m) == 1));
            returnReport(progress, first, "report-returned-may-" + first.id(), 3, "ENV", "2026-05",
                    Instant.parse("2026-05-31T17:30:00Z"), "5月报告未附现场照片，请补充后重新报送");
            ReportEvent june = returnReport(progress, second, "report-returned-june-" + second.id(), 2, "DEV-REFORM", "2026-06",
                    Instant.parse("2026-06-12T03:00:00Z"), "完成比例与台账不符");
            // The same return once more under another event id (a producer's retry): still one return.
            progress.send(UUID.randomUUID(), ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, june.measureId(),
                    ProgressEvents.REPORT_RETURNED.eventType(), june);
            returnReport(progress, first, "report-returned-july-" + first.id(), 5, "ENV", "2026-06",
                    Instant.parse("2026-06-30T16:30:00Z"), "7月退回的报告不在6月通报");
            MeasureState yanqing = seed(m -> m.taskNumber() == 3 && m.position() == 1 && attachment(m) == 1);
            returnReport(progress, yanqing, "report-returned-yanqing-" + yanqing.id(), 2, "ENV", "2026-06",
                    Instant.parse("2026-06-15T03:00:00Z"), "另一区的退回报告");
        }
        // A month of daily air values for the district and three towns, and last June for the comparison line.
        StringBuilder csv = new StringBuilder("series,area,period,value,valid,hours,source\n");
        for (int day = 1; day <= 30; day++) {
            String date = String.format("2026-06-%02d", day);
            csv.append("PM25_DAILY,YANQING,").append(date).append(',').append(20 + day % 7).append(",true,24,test\n");
            csv.append("AQI_DAILY,YANQING,").append(date).append(',').append(day == 13 ? 230 : 40 + day).append(",true,24,test\n");
            csv.append("PM25_DAILY,YANQING,2025-06-").append(String.format("%02d", day)).append(",31,true,24,test\n");
            csv.append("PM25_DAILY,KANGZHUANG,").append(date).append(",45,true,24,test\n");
            csv.append("PM25_DAILY,BAIQUAN,").append(date).append(",25,true,24,test\n");
            csv.append("PM25_DAILY,XIANGYING,").append(date).append(",38,true,24,test\n");
        }
        given().header("Authorization", Tokens.bearer(Roles.INTEGRATOR, null)).contentType("text/csv; charset=UTF-8")
                .body(csv.toString()).post("/observations/import").then().log().ifValidationFails().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath overview = overview();
            assertEquals(2, overview.getInt("measures.behindPace"));
            assertEquals(1, overview.getInt("measures.completedOnTime"));
        });
        // The returns come through a consumer of their own.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> given().queryParam("district", DISTRICT)
                .queryParam("format", "html").get("/bulletins/" + MONTH).asString().contains("完成比例与台账不符"));
        played = true;
    }

    @Test
    void theWordDocumentCarriesTheOverviewsFiguresOfTheMonthsEnd() throws IOException {
        byte[] docx = given().accept(DOCX).queryParam("district", DISTRICT).get("/bulletins/" + MONTH).then()
                .log().ifValidationFails().statusCode(200).contentType(startsWith(DOCX))
                .header("Content-Disposition", startsWith("attachment; filename=\"bulletin-2026-06.docx\"")).extract().asByteArray();
        JsonPath overview = overview();
        try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx));
                XWPFWordExtractor extractor = new XWPFWordExtractor(word)) {
            String text = extractor.getText();
            assertTrue(text.contains(DISTRICT + "生态环境保护工作月度调度通报"), "title");
            assertTrue(text.contains("（2026年第6期）"));
            assertTrue(text.contains("2026年7月3日"), "dated the 3rd of the next month");
            assertTrue(text.contains(overview.getString("summaryText")), "the overview's summary as of 30 June");
            for (String heading : List.of("一、空气质量", "二、街乡镇排名", "三、重点任务进展", "四、部门排名", "五、督办事项", "六、指标完成情况")) {
                assertTrue(text.contains(heading), heading);
            }
            // 三、counts per plan equal the overview's.
            XWPFTable plans = table(word, "计划/章节");
            for (int i = 0; i < 3; i++) {
                String path = "plans[" + i + "].measures.";
                List<String> row = row(plans, "附件" + overview.getInt("plans[" + i + "].attachment") + " ");
                assertEquals(List.of(overview.getString(path + "measures"), overview.getString(path + "completed"),
                        overview.getString(path + "onTrack"), overview.getString(path + "behindPace"),
                        overview.getString(path + "atRisk"), overview.getString(path + "overdue")), row.subList(1, 7), "附件" + (i + 1));
            }
            // 五、the whole supervision list, in the API's order.
            JsonPath list = given().queryParam("district", DISTRICT).queryParam("asOf", AS_OF).queryParam("size", 500)
                    .get("/overview/supervision-list").then().statusCode(200).extract().jsonPath();
            List<String> tasks = column(table(word, "序号"), 1);
            assertEquals(list.getInt("totalItems"), tasks.size());
            assertEquals(2, tasks.size(), "two measures behind pace at the end of June");
            for (int i = 0; i < tasks.size(); i++) {
                assertTrue(tasks.get(i).startsWith(list.getString("items[" + i + "].task.label")), tasks.get(i));
            }
            // 四、the department ranking, in the API's order.
            JsonPath ranking = given().queryParam("district", DISTRICT).queryParam("asOf", AS_OF).queryParam("size", 500)
                    .get("/overview/department-ranking").then().statusCode(200).extract().jsonPath();
            assertEquals(ranking.getList("items.name", String.class), column(table(word, "排名"), 1));
            // 二、the month's town ranking, worst first.
            assertEquals(overview.getList("townRanking.areas.name", String.class), column(table(word, "本月排名"), 1));
            assertEquals("康庄镇", column(table(word, "本月排名"), 1).get(0));
            assertEquals(4, word.getAllPictures().size(), "four charts as pictures");
            assertTrue(text.contains("注：本期通报所用6月数据已于"), "June's states arrived after 30 June: a correction footnote");
        }
    }

    @Test
    void thePdfEmbedsAChineseFontAndItsTextIsTheApisFigures() throws IOException {
        byte[] pdf = given().queryParam("format", "pdf").queryParam("district", "延庆区").get("/bulletins/" + MONTH).then()
                .log().ifValidationFails().statusCode(200).contentType(startsWith("application/pdf")).extract().asByteArray();
        JsonPath overview = given().queryParam("district", "延庆区").queryParam("asOf", AS_OF).get("/overview").then()
                .statusCode(200).extract().jsonPath();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertTrue(text.contains("延庆区生态环境保护工作月度调度通报"), "Chinese comes out of the PDF as text");
            assertTrue(text.contains(overview.getString("summaryText").replaceAll("\\s+", "")), "the overview's summary");
            String pm25 = overview.getString("airQuality[0].valueSoFarText");
            assertTrue(pm25 != null && text.contains("PM2.5年均浓度" + pm25), "PM2.5 so far as the API publishes it: " + pm25);
            for (String name : overview.getList("indicators.name", String.class)) {
                assertTrue(text.contains(name.replaceAll("\\s+", "")), name);
            }
            // The month's ranking table lists the towns in the API's order.
            String towns = text.substring(text.indexOf("表2"));
            int at = 0;
            for (String name : overview.getList("townRanking.areas.name", String.class)) {
                int found = towns.indexOf(name, at);
                assertTrue(found >= 0, name + " after position " + at);
                at = found;
            }
            boolean embedded = false;
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    embedded |= font.getName().contains("WenQuanYi") && font.isEmbedded();
                }
            }
            assertTrue(embedded, "the bundled CJK font is embedded, no system font is relied on");
        }
    }

    @Test
    void theHtmlDrawsItsChartsAsSvgWithoutScript() {
        String html = given().accept("text/html").queryParam("district", DISTRICT).get("/bulletins/" + MONTH).then()
                .log().ifValidationFails().statusCode(200).contentType(startsWith("text/html")).extract().asString();
        for (String chart : List.of("chart-pm25", "chart-days", "chart-towns", "chart-plans")) {
            assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"" + chart + "\""), chart);
        }
        assertFalse(html.contains("<script"), "readable without script");
        assertTrue(html.contains("class=\"bar\"><title>PM2.5 康庄镇: 45</title>"), "bars with their value as a tooltip");
        assertTrue(html.contains(">康庄镇</text>"), "town names are chart labels");
        // A browser link: format wins over Accept.
        given().accept("text/html").queryParam("format", "docx").queryParam("district", DISTRICT).get("/bulletins/" + MONTH)
                .then().statusCode(200).contentType(startsWith(DOCX));
    }

    /**
     * 五、督办事项 lists the reports returned in the month (district time), oldest first, each once, with the department,
     * the date and the reason as returned; in the .docx as a table, in the PDF and the HTML as text.
     */
    @Test
    void theReportsReturnedInTheMonthAreListedInEveryForm() throws IOException {
        MeasureState first = copy.measure(seed(m -> m.taskNumber() == 2 && m.position() == 1 && attachment(m) == 1));
        MeasureState second = copy.measure(seed(m -> m.taskNumber() == 14 && m.position() == 2 && attachment(m) == 1));
        List<List<String>> expected = List.of(
                List.of("1", first.text(), departmentName("ENV"), "5月", "6月1日", "5月报告未附现场照片，请补充后重新报送"),
                List.of("2", second.text(), departmentName("DEV-REFORM"), "6月", "6月12日", "完成比例与台账不符"));

        byte[] docx = given().queryParam("format", "docx").queryParam("district", DISTRICT).get("/bulletins/" + MONTH).then()
                .statusCode(200).extract().asByteArray();
        try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx));
                XWPFWordExtractor extractor = new XWPFWordExtractor(word)) {
            XWPFTable returned = word.getTables().stream()
                    .filter(table -> table.getRow(0).getTableCells().stream().anyMatch(cell -> cell.getText().equals("退回原因")))
                    .findFirst().orElseThrow(() -> new AssertionError("no table of returned reports"));
            assertEquals(List.of("序号", "任务", "工作措施", "报送单位", "报告期", "退回日期", "退回原因"),
                    returned.getRow(0).getTableCells().stream().map(cell -> cell.getText()).toList());
            assertEquals(expected.size() + 1, returned.getRows().size(), "June's two returns, each once");
            for (int i = 0; i < expected.size(); i++) {
                List<String> row = returned.getRow(i + 1).getTableCells().stream().map(cell -> cell.getText()).toList();
                List<String> want = expected.get(i);
                assertEquals(want.get(0), row.get(0));
                assertTrue(row.get(1).startsWith(i == 0 ? "附件1 第2项" : "附件1 第14项"), row.get(1));
                assertEquals(want.subList(1, want.size()), row.subList(2, row.size()), "row " + (i + 1));
            }
            String text = extractor.getText();
            assertTrue(text.contains("6月共退回报告2份（涉及2个单位）"), "the count in the text");
            assertFalse(text.contains("7月退回的报告不在6月通报"), "a return of 1 July (district time) is July's");
            assertFalse(text.contains("另一区的退回报告"), "another district's return");
        }

        byte[] pdf = given().queryParam("format", "pdf").queryParam("district", DISTRICT).get("/bulletins/" + MONTH).then()
                .statusCode(200).extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            String section = text.substring(text.indexOf("五、督办事项"), text.indexOf("六、指标完成情况"));
            assertTrue(section.contains("6月共退回报告2份（涉及2个单位）"), section);
            int at = section.indexOf("表6");
            assertTrue(at >= 0, "the table of returned reports");
            for (List<String> want : expected) {
                for (String cell : List.of(want.get(2), want.get(4), want.get(5))) {
                    int found = section.indexOf(cell, at);
                    assertTrue(found >= 0, cell + " after position " + at + " in " + section);
                }
                at = section.indexOf(want.get(5), at);
            }
            assertFalse(text.contains("7月退回的报告不在6月通报"));
            assertFalse(text.contains("另一区的退回报告"));
        }

        String html = given().queryParam("format", "html").queryParam("district", DISTRICT).get("/bulletins/" + MONTH).then()
                .statusCode(200).extract().asString();
        String table = html.substring(html.indexOf("<table id=\"table-returned\""));
        table = table.substring(0, table.indexOf("</table>"));
        for (List<String> want : expected) {
            for (String cell : want.subList(2, want.size())) {
                assertTrue(table.contains("<td>" + cell + "</td>"), cell);
            }
        }
    }

    /**
     * The HTML in a real headless browser: every chart's SVG has a size on the page, its bars are drawn and its labels
     * are laid out with the names the figures give (the towns, the months, the plans, the legend). Needs Chromium
     * (Debian: {@code apt-get install chromium}; another binary: {@code -Decoplan.chromium=/path}); where none is
     * found the test is skipped with a message. Tagged {@code browser}: part of the suite, and runnable alone with
     * {@code -Dtest.groups=browser}.
     */
    @Test
    @Tag("browser")
    void theChartsAreVisibleInAHeadlessBrowser() throws Exception {
        Optional<Path> browser = HeadlessChromium.find();
        Assumptions.assumeTrue(browser.isPresent(), HeadlessChromium.MISSING);
        String html = given().queryParam("district", DISTRICT).queryParam("format", "html").get("/bulletins/" + MONTH).then()
                .statusCode(200).extract().asString();
        assertFalse(html.contains("<script"), "the bulletin as served has no script");
        // The test's own measuring script, added to a copy of the page only here: for each chart its rendered size,
        // the bars with an area and the labels with a width, as JSON in a <pre> that --dump-dom prints.
        String measuring = "<script>window.addEventListener('load',function(){var out=[];"
                + "document.querySelectorAll('svg.chart').forEach(function(svg){var r=svg.getBoundingClientRect();"
                + "var labels=Array.prototype.filter.call(svg.querySelectorAll('text'),function(t){var b=t.getBBox();return b.width>0&&b.height>0;})"
                + ".map(function(t){return t.textContent;});"
                + "var bars=Array.prototype.filter.call(svg.querySelectorAll('rect.bar'),function(b){var x=b.getBoundingClientRect();return x.width>0&&x.height>0;}).length;"
                + "out.push({id:svg.id,width:Math.round(r.width),height:Math.round(r.height),bars:bars,labels:labels});});"
                + "var pre=document.createElement('pre');pre.id='measured';pre.textContent=JSON.stringify(out);document.body.appendChild(pre);});</script>";
        String dom = HeadlessChromium.dumpDom(browser.get(), html.replace("</body>", measuring + "</body>"));
        Matcher measured = Pattern.compile("<pre id=\"measured\">([^<]*)</pre>").matcher(dom);
        assertTrue(measured.find(), "the page was measured: " + dom.substring(0, Math.min(dom.length(), 500)));
        JsonPath charts = JsonPath.from(measured.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&"));
        Map<String, List<String>> wanted = Map.of(
                "chart-pm25", List.of("1月", "6月", "12月", "2026年", "2025年"),
                "chart-days", List.of("优良天数", "重污染天数", "6月"),
                "chart-towns", List.of("6月各街乡镇PM2.5浓度（微克/立方米，由高到低）", "康庄镇", "香营乡", "45.0"),
                "chart-plans", List.of("附件1", "附件2", "附件3", "已完成", "滞后于序时进度"));
        for (String chart : List.of("chart-pm25", "chart-days", "chart-towns", "chart-plans")) {
            String path = "find { it.id == '" + chart + "' }";
            assertTrue(charts.get(path) != null, chart + " is on the page: " + measured.group(1));
            assertTrue(charts.getInt(path + ".width") > 300 && charts.getInt(path + ".height") > 100,
                    chart + " has a size: " + charts.getInt(path + ".width") + "x" + charts.getInt(path + ".height"));
            assertTrue(charts.getInt(path + ".bars") > 0, chart + " has visible bars");
            List<String> labels = charts.getList(path + ".labels", String.class);
            assertTrue(labels.containsAll(wanted.get(chart)), chart + " lays out " + wanted.get(chart) + ": " + labels);
        }
    }

    @Test
    void refusesAMalformedOrUnfinishedMonthAndAnUnknownFormatNamingTheField() {
        for (String month : List.of("2026-13", "2026-6", "june", "2026-07", "2027-01")) {
            given().queryParam("district", DISTRICT).get("/bulletins/" + month).then().log().ifValidationFails()
                    .statusCode(400).contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("month"));
        }
        given().queryParam("district", DISTRICT).queryParam("format", "xls").get("/bulletins/" + MONTH).then()
                .statusCode(400).body("errors[0].field", equalTo("format"));
        given().queryParam("district", "无此区").get("/bulletins/" + MONTH).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().accept("application/json").queryParam("district", DISTRICT).get("/bulletins/" + MONTH).then().statusCode(406)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void publishesEachDistrictsBulletinOnceOnTheThirdOfTheNextMonth() {
        clock.setTo(LocalDate.of(2026, 7, 2), 9);
        assertTrue(publisher.publishDue().isEmpty(), "not before the 3rd");
        clock.setTo(LocalDate.of(2026, 7, 3), 9);
        List<org.ecoplan.indicator.contract.BulletinPublished> published = publisher.publishDue();
        var ours = published.stream().filter(event -> event.district().equals(DISTRICT)).findFirst().orElseThrow();
        assertEquals("2026-06", ours.month());
        assertEquals(LocalDate.of(2026, 7, 3), ours.issuedOn());
        assertEquals(2, ours.needingSupervision());
        assertTrue(ours.leadDepartments().contains("ENV") && ours.leadDepartments().contains("BAIQUAN"),
                "lead departments, 各街乡镇 as its members: " + ours.leadDepartments());
        assertFalse(ours.leadDepartments().contains("ALL-SUBDISTRICTS-TOWNS"), "a group is told through its members");
        assertTrue(ours.links().pdf().endsWith("/bulletins/2026-06?district=%E9%80%9A%E6%8A%A5%E5%8C%BA&format=pdf"), ours.links().pdf());
        // On the topic through the outbox, checked against asyncapi.yaml by the reader.
        String key = DISTRICT + "/2026-06";
        var record = org.ecoplan.testing.EventReader.awaitRecord(org.ecoplan.indicator.contract.IndicatorEvents.TOPIC,
                candidate -> key.equals(candidate.key()) && org.ecoplan.testing.EventReader.header(candidate, "ce_type").orElse("")
                        .equals("bulletin.published.v1"), Duration.ofSeconds(30));
        assertEquals(2, JsonPath.from(record.value()).getInt("needingSupervision"), record.value());
        // Run again (another replica, the next day): nothing more.
        clock.setTo(LocalDate.of(2026, 7, 4), 9);
        assertTrue(publisher.publishDue().stream().noneMatch(event -> event.district().equals(DISTRICT)), "once per month");
        assertEquals(1, org.ecoplan.testing.EventReader.readCurrent(org.ecoplan.indicator.contract.IndicatorEvents.TOPIC).stream()
                .filter(candidate -> key.equals(candidate.key())).count(), "one event for the month");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static JsonPath overview() {
        return given().queryParam("district", DISTRICT).queryParam("asOf", AS_OF).get("/overview").then()
                .log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    /** The first table whose header row starts with {@code firstHeader}. */
    private static XWPFTable table(XWPFDocument word, String firstHeader) {
        return word.getTables().stream().filter(table -> table.getRow(0).getCell(0).getText().equals(firstHeader)).findFirst()
                .orElseThrow(() -> new AssertionError("no table headed " + firstHeader));
    }

    private static List<String> row(XWPFTable table, String prefix) {
        for (XWPFTableRow row : table.getRows()) {
            if (row.getCell(0).getText().startsWith(prefix)) {
                return row.getTableCells().stream().map(cell -> cell.getText()).toList();
            }
        }
        throw new AssertionError("no row " + prefix);
    }

    private static List<String> column(XWPFTable table, int column) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i < table.getRows().size(); i++) {
            values.add(table.getRow(i).getCell(column).getText());
        }
        return values;
    }

    private void send(EventWriter writer, MeasureState seed, DeliveryState state, Integer paceGap) {
        MeasureState measure = copy.measure(seed);
        LocalDate assessedOn = LocalDate.of(2026, 6, 28);
        long sequence = sequences.merge(measure.id(), 1L, Long::sum);
        LocalDate deadline = "ONGOING".equals(measure.deadline().kind()) ? null : measure.deadline().end();
        Integer expected = paceGap == null ? null : 52;
        DeliveryAssessment delivery = new DeliveryAssessment(state, state.chineseName(), assessedOn,
                deadline == null ? null : LocalDate.of(2026, 1, 1), deadline, expected, paceGap, null, null);
        boolean completed = state.completed();
        MeasureStatusChanged event = new MeasureStatusChanged(measure.id(), sequence, measure.planId(), measure.taskId(),
                completed ? ReportStatus.COMPLETED : ReportStatus.ON_TRACK, null, false,
                completed ? 100 : paceGap == null ? 50 : expected - paceGap, deadline, completed ? assessedOn : null,
                completed ? Boolean.TRUE : null, "report-" + measure.id(), null,
                assessedOn.atStartOfDay(clock.zone()).toInstant(), delivery, APPROVED);
        writer.send(UUID.randomUUID(), ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                ProgressEvents.MEASURE_STATUS_CHANGED.eventType(), event);
    }

    private ReportEvent returnReport(EventWriter writer, MeasureState measure, String reportId, long revision,
            String department, String period, Instant returnedAt, String reason) {
        ReportEvent event = new ReportEvent(reportId, revision, measure.id(), measure.planId(), measure.taskId(), period,
                "MONTHLY", WorkflowState.RETURNED, ReportStatus.ON_TRACK, 40, "按计划推进", List.of(), department, "LEAD",
                "reporter@ecoplan.test", returnedAt.minus(Duration.ofDays(2)), "supervisor@ecoplan.test", returnedAt, reason, 0);
        writer.send(UUID.randomUUID(), ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                ProgressEvents.REPORT_RETURNED.eventType(), event);
        return event;
    }

    private static String departmentName(String code) {
        return SeedCatalogue.records().stream().filter(record -> record.aggregateType().equals("department")
                && record.data().path("code").asText().equals(code)).findFirst().orElseThrow().data().path("name").asText();
    }

    private static MeasureState seed(Predicate<MeasureState> matching) {
        return SeedCatalogue.measure(matching);
    }

    private static int attachment(MeasureState measure) {
        return SeedCatalogue.records().stream().filter(record -> record.aggregateType().equals("plan")
                && record.key().equals(measure.planId())).findFirst().orElseThrow().data().path("attachment").asInt();
    }
}
