package org.ecoplan.progress.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the ledger as CSV for machines (RFC 4180 through Jackson's CSV writer): the same columns and Chinese
 * headers as the workbook, then the measure's catalogue id and the state's code; dates ISO 8601, 完成率 an integer
 * percent, several departments separated by "、".
 */
public final class LedgerCsv {

    public static final String MEDIA_TYPE = "text/csv";

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA;

    static {
        CsvSchema.Builder builder = CsvSchema.builder();
        LedgerWorkbook.HEADERS.forEach(builder::addColumn);
        builder.addColumn("measureId").addColumn("stateCode");
        SCHEMA = builder.build().withHeader();
    }

    private LedgerCsv() {
    }

    public static String write(LedgerService.Ledger ledger) {
        List<List<String>> rows = new ArrayList<>();
        for (LedgerRow row : ledger.rows()) {
            rows.add(List.of(String.valueOf(row.number()), row.task(), row.text(),
                    row.deadline() == null ? row.deadlineLabel() : row.deadline().toString(),
                    String.join("、", row.lead()), String.join("、", row.responsible()), String.join("、", row.assisting()),
                    row.progress() == null ? "" : row.progress(), String.valueOf(row.percentComplete()), row.stateName(),
                    row.lastReportDate() == null ? "" : row.lastReportDate().toString(), row.measureId(), row.state()));
        }
        try {
            return MAPPER.writer(SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
