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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

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
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.web.security.Roles;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.BeforeEach;
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
     * The HTML in a real headless browser: every chart's SVG has a size on the page and its labels are laid out.
     * Needs Chromium (Debian: {@code apt-get install chromium}); skipped with a message where none is installed.
     */
    @Test
    void theChartsAreVisibleInAHeadlessBrowser() throws Exception {
        String browser = java.util.stream.Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .map(folder -> java.nio.file.Path.of(folder, name)))
                .filter(java.nio.file.Files::isExecutable).map(java.nio.file.Path::toString).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(browser != null,
                "No Chromium on PATH: the headless-browser check of the bulletin's charts is skipped (install it: apt-get install chromium)");
        String html = given().queryParam("district", DISTRICT).queryParam("format", "html").get("/bulletins/" + MONTH).then()
                .statusCode(200).extract().asString();
        // The test's own measuring script, added to the page only here: the bulletin itself has none.
        String measuring = "<script>window.addEventListener('load',function(){var out=[];"
                + "document.querySelectorAll('svg.chart').forEach(function(svg){var r=svg.getBoundingClientRect();"
                + "var labels=Array.prototype.filter.call(svg.querySelectorAll('text'),function(t){return t.getBBox().width>0;}).length;"
                + "var bars=Array.prototype.filter.call(svg.querySelectorAll('rect.bar'),function(b){var x=b.getBoundingClientRect();return x.width>0&&x.height>0;}).length;"
                + "out.push(svg.id+':'+Math.round(r.width)+'x'+Math.round(r.height)+':'+labels+':'+bars);});"
                + "var pre=document.createElement('pre');pre.id='measured';pre.textContent=out.join(';');document.body.appendChild(pre);});</script>";
        java.nio.file.Path page = java.nio.file.Files.createTempFile("bulletin", ".html");
        java.nio.file.Files.writeString(page, html.replace("</body>", measuring + "</body>"));
        Process process = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                "--dump-dom", page.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        java.util.regex.Matcher measured = java.util.regex.Pattern.compile("<pre id=\"measured\">([^<]*)</pre>").matcher(dom);
        assertTrue(measured.find(), "the page was measured");
        Map<String, String[]> charts = new HashMap<>();
        for (String chart : measured.group(1).split(";")) {
            String[] parts = chart.split(":");
            charts.put(parts[0], parts);
        }
        for (String chart : List.of("chart-pm25", "chart-days", "chart-towns", "chart-plans")) {
            String[] parts = charts.get(chart);
            assertTrue(parts != null, chart + " is on the page");
            String[] size = parts[1].split("x");
            assertTrue(Integer.parseInt(size[0]) > 100 && Integer.parseInt(size[1]) > 100, chart + " has a size: " + parts[1]);
            assertTrue(Integer.parseInt(parts[2]) > 5, chart + " has its labels laid out: " + parts[2]);
            assertTrue(Integer.parseInt(parts[3]) > 0, chart + " has visible bars: " + parts[3]);
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

    private static MeasureState seed(Predicate<MeasureState> matching) {
        return SeedCatalogue.measure(matching);
    }

    private static int attachment(MeasureState measure) {
        return SeedCatalogue.records().stream().filter(record -> record.aggregateType().equals("plan")
                && record.key().equals(measure.planId())).findFirst().orElseThrow().data().path("attachment").asInt();
    }
}
