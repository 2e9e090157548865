package org.ecoplan.plan.episode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ecoplan.web.problem.Problem;

/**
 * Reads a duty list from CSV (RFC 4180 through jackson-dataformat-csv, UTF-8, a header row, an optional byte order
 * mark). Columns by name in any order: {@code department} (code or Chinese name), {@code level} (BLUE, YELLOW, ORANGE,
 * RED or 蓝色/黄色/橙色/红色), {@code action}, {@code reportItems} (the quantities to report, separated by {@code ;}
 * or {@code ；}). Chinese headers 单位, 预警级别, 措施, 报送内容 are read too. Only the shape is checked here; the
 * values are checked by {@link DutyListService} like a JSON list's, so both name a wrong row the same way.
 */
final class DutyCsvReader {

    private static final CsvMapper CSV = new CsvMapper();

    enum Column {
        DEPARTMENT("department", "departmentcode", "单位", "成员单位"),
        LEVEL("level", "预警级别", "级别"),
        ACTION("action", "措施", "应急措施"),
        REPORT_ITEMS("reportitems", "报送内容", "报送事项");

        final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }
    }

    private DutyCsvReader() {
    }

    record Result(List<DutyRow> rows, List<Problem.FieldProblem> errors) {
    }

    static Result read(byte[] bytes) {
        List<DutyRow> rows = new ArrayList<>();
        List<Problem.FieldProblem> errors = new ArrayList<>();
        String text;
        try {
            // Strict: a byte that is not UTF-8 is refused, never turned into U+FFFD.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            errors.add(new Problem.FieldProblem("body", "the file is not UTF-8 text; save it as UTF-8 / 文件须为UTF-8编码"));
            return new Result(rows, errors);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int line = 1;
        try (CsvParser parser = CSV.getFactory().createParser(text)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.nextToken();
            List<String> header = nextRecord(parser);
            if (header == null || header.stream().allMatch(String::isBlank)) {
                errors.add(new Problem.FieldProblem("line 1", "a header row is required: department,level,action,reportItems / 缺少表头"));
                return new Result(rows, errors);
            }
            Map<Column, Integer> columns = columns(header, errors);
            if (!errors.isEmpty()) {
                return new Result(rows, errors);
            }
            while (true) {
                line = parser.currentLocation().getLineNr();
                List<String> cells = nextRecord(parser);
                if (cells == null) {
                    break;
                }
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (cells.size() != header.size()) {
                    errors.add(new Problem.FieldProblem("line " + line, "has %d fields but the header has %d; a value with a comma must be in double quotes / 字段数与表头不符"
                            .formatted(cells.size(), header.size())));
                    continue;
                }
                String items = cells.get(columns.get(Column.REPORT_ITEMS));
                rows.add(new DutyRow("line " + line + " ", true, cells.get(columns.get(Column.DEPARTMENT)),
                        cells.get(columns.get(Column.LEVEL)), cells.get(columns.get(Column.ACTION)),
                        items.isBlank() ? List.of() : Arrays.stream(items.split("[;；]")).map(String::strip).toList()));
            }
        } catch (JsonProcessingException e) {
            int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            errors.add(new Problem.FieldProblem("line " + at, "not valid CSV: " + e.getOriginalMessage() + " / CSV格式错误"));
        } catch (IOException e) {
            errors.add(new Problem.FieldProblem("line " + line, "not valid CSV / CSV格式错误"));
        }
        return new Result(rows, errors);
    }

    private static Map<Column, Integer> columns(List<String> header, List<Problem.FieldProblem> errors) {
        Map<Column, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            Column column = Arrays.stream(Column.values()).filter(c -> c.names.contains(name)).findFirst().orElse(null);
            if (column == null) {
                errors.add(new Problem.FieldProblem("line 1 column " + (i + 1), "unknown column '" + header.get(i)
                        + "'; known: department, level, action, reportItems / 未知列"));
            } else if (columns.putIfAbsent(column, i) != null) {
                errors.add(new Problem.FieldProblem("line 1 column " + (i + 1), "column " + column.names.get(0) + " appears twice / 列重复"));
            }
        }
        for (Column column : Column.values()) {
            if (!columns.containsKey(column)) {
                errors.add(new Problem.FieldProblem("line 1", "column " + column.names.get(0) + " is missing / 缺少列"));
            }
        }
        return columns;
    }

    private static List<String> nextRecord(CsvParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            cells.add(parser.getText());
        }
        return cells;
    }
}
