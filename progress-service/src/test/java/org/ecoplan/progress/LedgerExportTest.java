package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.status.CatalogueMeasures;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger (台账) re-opened with POI: one row per seed measure with the catalogue's values, dates as date cells,
 * the official progress of an approved report; the CSV read back with Jackson's CSV reader says the same.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class LedgerExportTest extends ProgressTestSupport {

    @Inject
    CatalogueMeasures catalogue;

    /** A measure led by ENV and WATER with nobody else: no other test reports on it. */
    private static final String REPORTED = "开展美丽幸福河湖保护与建设工作年度评估。";

    @Inject
    BusinessClock clock;

    @AfterEach
    void realTime() {
        clock.useSystemTime();
    }

    @Test
    void theWorkbookHasARowPerMeasureWithTheCataloguesValuesAndTheOfficialProgress() throws Exception {
        clock.setTo(LocalDate.of(2026, 6, 15), 10);
        MeasureState reported = seedMeasure(m -> m.text().equals(REPORTED));
        JsonPath report = created(ENV_REPORTER, adHoc(reported.id(), "ON_TRACK", 40, true));
        action(SUPERVISOR, report.getString("id"), "approve", etag(report), null);

        byte[] xlsx = as(SUPERVISOR).queryParam("district", "延庆区").queryParam("year", 2026).when()
                .get("/ledger/workbook").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("台账");
            assertThat(text(sheet.getRow(0))).containsExactly("序号", "重点任务", "工作措施", "完成时限", "牵头部门",
                    "主责单位", "协办单位", "当前进展", "完成率", "状态", "最近报告日期");
            List<MeasureState> seed = SeedCatalogue.measures();
            assertThat(sheet.getLastRowNum()).isEqualTo(seed.size()).isEqualTo(212);

            // Compared with the catalogue as progress-service holds it now: other test classes publish changed
            // deadlines and departments of seed measures.
            java.util.Set<String> seedIds = seed.stream().map(MeasureState::id).collect(Collectors.toSet());
            Map<String, MeasureState> byText = catalogue.all().stream().filter(m -> seedIds.contains(m.id()))
                    .collect(Collectors.toMap(MeasureState::text, m -> m, (a, b) -> a));
            for (int index = 1; index <= 212; index++) {
                Row row = sheet.getRow(index);
                assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(index);
                MeasureState measure = byText.get(row.getCell(2).getStringCellValue());
                assertThat(measure).as("row %d is a seed measure", index).isNotNull();
                Cell deadline = row.getCell(3);
                if (measure.deadline().end() != null && !"ONGOING".equals(measure.deadline().kind())) {
                    // a real date cell, not text
                    assertThat(deadline.getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(DateUtil.isCellDateFormatted(deadline)).isTrue();
                    assertThat(deadline.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(measure.deadline().end());
                } else {
                    assertThat(deadline.getStringCellValue()).isEqualTo(measure.deadline().label());
                }
                assertThat(row.getCell(4).getStringCellValue()).isEqualTo(names(measure, "LEAD"));
                assertThat(row.getCell(5).getStringCellValue()).isEqualTo(names(measure, "RESPONSIBLE"));
                assertThat(row.getCell(6).getStringCellValue()).isEqualTo(names(measure, "ASSISTING"));
            }
            Row reportedRow = rowOf(sheet, REPORTED);
            assertThat(reportedRow.getCell(1).getStringCellValue()).isNotBlank();
            assertThat(reportedRow.getCell(7).getStringCellValue()).isEqualTo("现场检查发现新问题");
            assertThat(reportedRow.getCell(8).getNumericCellValue()).isEqualTo(0.4);
            assertThat(reportedRow.getCell(9).getStringCellValue()).isEqualTo("正常推进");
            assertThat(reportedRow.getCell(10).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 6, 15));
        }

        String csv = as(SUPERVISOR).queryParam("district", "延庆区").queryParam("year", 2026).when().get("/ledger/csv")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            lines.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(212);
        Map<String, String> csvRow = rows.stream().filter(r -> r.get("工作措施").equals(REPORTED)).findFirst().orElseThrow();
        assertThat(csvRow).containsEntry("measureId", reported.id()).containsEntry("完成率", "40")
                .containsEntry("stateCode", "ON_TRACK").containsEntry("最近报告日期", "2026-06-15")
                .containsEntry("完成时限", "2026-12-31");
    }

    @Test
    void aDepartmentsLedgerHasItsMeasuresAndASheetPerLeadDepartment() throws Exception {
        long water = SeedCatalogue.measures().stream()
                .filter(m -> m.assignments().stream().anyMatch(a -> a.names("WATER"))).count();
        byte[] xlsx = as(WATER_REPORTER).queryParam("sheets", "lead").when().get("/ledger/workbook").then()
                .statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            // A reporter's ledger is its own department's.
            assertThat(workbook.getSheet("台账").getLastRowNum()).isEqualTo((int) water);
            assertThat(workbook.getSheet("区水务局")).isNotNull();
            assertThat(workbook.getNumberOfSheets()).isGreaterThan(2);
        }
        as(WATER_REPORTER).queryParam("department", "ENV").when().get("/ledger/csv").then().statusCode(403)
                .contentType("application/problem+json");
        as(SUPERVISOR).queryParam("sheets", "many").when().get("/ledger/workbook").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static Row rowOf(Sheet sheet, String measureText) {
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && row.getCell(2).getStringCellValue().equals(measureText)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + measureText);
    }

    private static List<String> text(Row row) {
        List<String> values = new ArrayList<>();
        row.forEach(cell -> values.add(cell.getStringCellValue()));
        return values;
    }

    private static String names(MeasureState measure, String role) {
        return measure.assignments().stream().filter(a -> role.equals(a.role())).map(Assignment::name)
                .collect(Collectors.joining("\n"));
    }
}
