package org.ecoplan.progress.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the ledger as an Excel workbook (.xlsx) as offices keep it: Chinese column headers, one row per measure,
 * 完成时限 and 最近报告日期 as real date cells (sortable and filterable in Excel, not text), 完成率 as a percent, the
 * header row frozen and filterable. On request, a sheet per lead department follows the whole ledger.
 */
public final class LedgerWorkbook {

    /** The columns, as offices name them. */
    public static final List<String> HEADERS = List.of("序号", "重点任务", "工作措施", "完成时限", "牵头部门", "主责单位",
            "协办单位", "当前进展", "完成率", "状态", "最近报告日期");
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final int[] WIDTHS = {6, 22, 60, 12, 18, 24, 24, 40, 8, 12, 14};

    private LedgerWorkbook() {
    }

    public static byte[] write(LedgerService.Ledger ledger, boolean sheetPerLeadDepartment) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            Set<String> sheetNames = new HashSet<>();
            sheet(workbook, sheetName("台账", sheetNames), ledger.rows(), styles);
            if (sheetPerLeadDepartment) {
                Map<String, List<LedgerRow>> byLead = new LinkedHashMap<>();
                ledger.rows().forEach(row -> row.lead().forEach(lead -> byLead.computeIfAbsent(lead,
                        name -> new ArrayList<>()).add(row)));
                byLead.forEach((lead, rows) -> sheet(workbook, sheetName(lead, sheetNames), rows, styles));
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sheet(XSSFWorkbook workbook, String name, List<LedgerRow> rows, Styles styles) {
        Sheet sheet = workbook.createSheet(name);
        Row header = sheet.createRow(0);
        for (int column = 0; column < HEADERS.size(); column++) {
            Cell cell = header.createCell(column);
            cell.setCellValue(HEADERS.get(column));
            cell.setCellStyle(styles.header);
            sheet.setColumnWidth(column, WIDTHS[column] * 256 * 2);
        }
        int index = 1;
        for (LedgerRow row : rows) {
            Row line = sheet.createRow(index++);
            text(line, 0, null, styles.text).setCellValue(row.number());
            text(line, 1, row.task(), styles.text);
            text(line, 2, row.text(), styles.text);
            if (row.deadline() != null) {
                Cell deadline = line.createCell(3);
                deadline.setCellValue(row.deadline());
                deadline.setCellStyle(styles.date);
            } else {
                text(line, 3, row.deadlineLabel(), styles.text);
            }
            text(line, 4, String.join("\n", row.lead()), styles.text);
            text(line, 5, String.join("\n", row.responsible()), styles.text);
            text(line, 6, String.join("\n", row.assisting()), styles.text);
            text(line, 7, row.progress(), styles.text);
            Cell percent = line.createCell(8);
            percent.setCellValue(row.percentComplete() / 100.0);
            percent.setCellStyle(styles.percent);
            text(line, 9, row.stateName(), styles.text);
            if (row.lastReportDate() != null) {
                Cell reported = line.createCell(10);
                reported.setCellValue(row.lastReportDate());
                reported.setCellStyle(styles.date);
            } else {
                line.createCell(10).setCellStyle(styles.text);
            }
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, Math.max(0, rows.size()), 0,
                HEADERS.size() - 1));
    }

    private static Cell text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null && !value.isEmpty()) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
        return cell;
    }

    /** Excel's rules: at most 31 characters, none of []:*?/\, unique ignoring case. */
    private static String sheetName(String wanted, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(wanted);
        String name = base;
        for (int copy = 2; taken.contains(name.toLowerCase()); copy++) {
            String suffix = "(" + copy + ")";
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        taken.add(name.toLowerCase());
        return name;
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle text;
        final CellStyle date;
        final CellStyle percent;

        Styles(XSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = bordered(workbook);
            header.setFont(bold);
            header.setAlignment(HorizontalAlignment.CENTER);
            text = bordered(workbook);
            text.setWrapText(true);
            date = bordered(workbook);
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            percent = bordered(workbook);
            percent.setDataFormat(workbook.createDataFormat().getFormat("0%"));
        }

        private static CellStyle bordered(XSSFWorkbook workbook) {
            CellStyle style = workbook.createCellStyle();
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            style.setVerticalAlignment(VerticalAlignment.TOP);
            return style;
        }
    }
}
