package org.ecoplan.progress.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements progress-service sent PostgreSQL for one {@code POST /reports}, read back from the server's log
 * ({@code log_statement = all}, default {@code log_line_prefix} '%m [%p] '), and replayed as plain JDBC: the same
 * statements with the same parameters, one transaction per report, so that the difference to the HTTP rate is what
 * the service adds around its SQL. Each replay gets values of its own where the schema demands them: fresh UUIDs
 * (report, Idempotency-Key, event ids), fresh numeric ids of inserted rows, the change-feed position its own
 * {@code take_report_change_position()} drew (an inserted {@code change_seq} takes what that function last answered
 * in the transaction), and its own measure, department and period (the monthly slot is unique).
 * Statements a new connection's driver sends once (its {@code SET}s, type lookups) are left out: the capture takes
 * the last of several reports, on connections that are warm by then.
 */
final class CapturedTransaction {

    private static final Pattern LINE = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2} [\\d:.]+ \\S+ \\[(\\d+)\\] (LOG|DETAIL|STATEMENT|ERROR|WARNING|HINT|CONTEXT|FATAL|NOTICE):  (.*)$");
    private static final Pattern STATEMENT = Pattern.compile("^(?:statement|execute [^:]*): (.*)$", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+) = (NULL|'((?:[^']|'')*)')(?:, |$)", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSERT = Pattern.compile("(?is)^\\s*insert into \\S+ \\(([^)]*)\\) values \\(([^)]*)\\).*");

    /** Where a parameter's value comes from in a replay. */
    enum Source {
        /** the captured value (with this replay's UUIDs, measure, department and period) */
        CAPTURED,
        /** a new number: the id of an inserted row */
        FRESH_ID,
        /** what the transaction's take_report_change_position() answered: the change-feed position the service draws */
        RETURNED
    }

    /** A statement as JDBC runs it: SQL with '?' and the captured parameter of each '?', in order. */
    record Statement(String sql, List<String> values, List<Source> sources) {
    }

    /** The reporting slot a replay writes (the unique monthly key). */
    record Slot(String measureId, String departmentCode, String period) {
    }

    private final List<Statement> statements;
    private final Slot captured;
    /** Ids of inserted rows, far above what the service's sequences hand out, and never the same twice in a run. */
    private final AtomicLong freshIds = new AtomicLong(1L << 40);

    private CapturedTransaction(List<Statement> statements, Slot captured) {
        this.statements = statements;
        this.captured = captured;
    }

    int size() {
        return statements.size();
    }

    /** The statements, one a line, for the report. */
    String listing() {
        StringBuilder out = new StringBuilder();
        for (Statement statement : statements) {
            String sql = statement.sql().replaceAll("\\s+", " ");
            out.append("- `").append(sql.length() > 140 ? sql.substring(0, 140) + " …" : sql).append("`\n");
        }
        return out.toString();
    }

    /**
     * Reads the last transaction that inserted into progress_report from the log text written since the capture began:
     * on the server process that did the insert, from the statement after its last COMMIT/ROLLBACK before the insert
     * to its COMMIT after it.
     */
    static CapturedTransaction fromLog(String log, Slot captured) {
        List<String[]> entries = new ArrayList<>(); // pid, level, message
        for (String line : log.split("\n", -1)) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                entries.add(new String[] { matcher.group(1), matcher.group(2), matcher.group(3) });
            } else if (!entries.isEmpty()) {
                String[] last = entries.get(entries.size() - 1);
                last[2] = last[2] + "\n" + line;
            }
        }
        int insert = -1;
        for (int i = 0; i < entries.size(); i++) {
            if ("LOG".equals(entries.get(i)[1]) && sql(entries.get(i)[2]).toLowerCase().startsWith("insert into progress_report")) {
                insert = i;
            }
        }
        if (insert < 0) {
            throw new IllegalStateException("No 'insert into progress_report' in the PostgreSQL log (log_line_prefix must be"
                    + " the default '%m [%p] ')");
        }
        String pid = entries.get(insert)[0];
        int first = insert;
        for (int i = insert - 1; i >= 0; i--) {
            if (pid.equals(entries.get(i)[0]) && "LOG".equals(entries.get(i)[1])) {
                String sql = sql(entries.get(i)[2]).trim();
                if (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK")) {
                    break;
                }
                first = i;
            }
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = first; i < entries.size(); i++) {
            String[] entry = entries.get(i);
            if (!pid.equals(entry[0]) || !"LOG".equals(entry[1]) || !STATEMENT.matcher(entry[2]).matches()) {
                continue;
            }
            String sql = sql(entry[2]).trim();
            if (sql.equalsIgnoreCase("COMMIT")) {
                return new CapturedTransaction(statements, captured);
            }
            if (sql.equalsIgnoreCase("BEGIN") || isDriverHousekeeping(sql)) {
                continue;
            }
            Map<Integer, String> parameters = new HashMap<>();
            // The parameters are the DETAIL line right after the statement on the same process.
            for (int j = i + 1; j < entries.size(); j++) {
                if (pid.equals(entries.get(j)[0])) {
                    if ("DETAIL".equals(entries.get(j)[1]) && entries.get(j)[2].startsWith("parameters: ")) {
                        Matcher parameter = PARAMETER.matcher(entries.get(j)[2].substring("parameters: ".length()));
                        while (parameter.find()) {
                            parameters.put(Integer.parseInt(parameter.group(1)),
                                    parameter.group(3) == null ? null : parameter.group(3).replace("''", "'"));
                        }
                    }
                    break;
                }
            }
            statements.add(statement(sql, parameters));
        }
        throw new IllegalStateException("The transaction of the captured report did not commit in the log");
    }

    /**
     * What pgjdbc sends once per connection or per type it meets, not per report; and Hibernate's draw of a block of
     * 50 history-row ids (once every 25 reports: a replay gives inserted rows fresh ids of its own).
     */
    private static boolean isDriverHousekeeping(String sql) {
        return sql.regionMatches(true, 0, "SET ", 0, 4) || sql.contains("FROM pg_catalog.pg_type")
                || sql.toLowerCase().matches("select nextval\\('[a-z_]+'\\)");
    }

    private static String sql(String message) {
        Matcher matcher = STATEMENT.matcher(message);
        return matcher.matches() ? matcher.group(1) : "";
    }

    private static Statement statement(String sql, Map<Integer, String> parameters) {
        // '$n' placeholders become '?', each bound to its parameter (a placeholder may repeat).
        Matcher insert = INSERT.matcher(sql);
        Map<Integer, Source> drawn = new HashMap<>();
        if (insert.matches()) {
            String[] columns = insert.group(1).split(",");
            String[] values = insert.group(2).split(",");
            for (int c = 0; c < columns.length && c < values.length; c++) {
                Matcher placeholder = PLACEHOLDER.matcher(values[c].trim());
                if (placeholder.matches() && columns[c].trim().equals("id")) {
                    drawn.put(Integer.parseInt(placeholder.group(1)), Source.FRESH_ID);
                } else if (placeholder.matches() && columns[c].trim().equals("change_seq")) {
                    drawn.put(Integer.parseInt(placeholder.group(1)), Source.RETURNED);
                }
            }
        }
        List<String> values = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (placeholder.find()) {
            int number = Integer.parseInt(placeholder.group(1));
            String value = parameters.get(number);
            values.add(value);
            sources.add(value != null && value.matches("\\d+") ? drawn.getOrDefault(number, Source.CAPTURED) : Source.CAPTURED);
            placeholder.appendReplacement(jdbc, "?");
        }
        placeholder.appendTail(jdbc);
        return new Statement(jdbc.toString(), values, sources);
    }

    /**
     * Replays one transaction per slot from {@code slots}, on {@code connections} JDBC connections, for
     * {@code duration}.
     *
     * @return committed transactions per second, and how many failed (a failed one is rolled back and counted)
     */
    double[] replay(String jdbcUrl, String user, String password, int connections, Duration duration,
            IntFunction<Slot> slots, AtomicInteger nextSlot) throws InterruptedException {
        AtomicLong committed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> firstFailure = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
                    connection.setAutoCommit(false);
                    Map<String, PreparedStatement> prepared = new HashMap<>();
                    while (System.nanoTime() < end) {
                        try {
                            runOnce(connection, prepared, slots.apply(nextSlot.getAndIncrement()));
                            connection.commit();
                            committed.incrementAndGet();
                        } catch (SQLException e) {
                            connection.rollback();
                            failed.incrementAndGet();
                            synchronized (firstFailure) {
                                if (firstFailure.isEmpty()) {
                                    firstFailure.add(e.getMessage());
                                }
                            }
                        }
                    }
                    for (PreparedStatement statement : prepared.values()) {
                        statement.close();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "sql-replay-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!firstFailure.isEmpty()) {
            System.out.println("SQL replay: " + failed.get() + " failed, the first: " + firstFailure.get(0));
        }
        return new double[] { committed.get() / ((System.nanoTime() - start) / 1e9), failed.get() };
    }

    private void runOnce(Connection connection, Map<String, PreparedStatement> prepared, Slot slot) throws SQLException {
        Map<String, String> uuids = new HashMap<>();
        String returned = null;
        for (Statement statement : statements) {
            PreparedStatement jdbc = prepared.get(statement.sql());
            if (jdbc == null) {
                jdbc = connection.prepareStatement(statement.sql());
                prepared.put(statement.sql(), jdbc);
            }
            for (int p = 0; p < statement.values().size(); p++) {
                String value = statement.values().get(p);
                if (value == null) {
                    jdbc.setNull(p + 1, Types.OTHER);
                } else if (statement.sources().get(p) == Source.FRESH_ID) {
                    jdbc.setObject(p + 1, String.valueOf(freshIds.incrementAndGet()), Types.OTHER);
                } else if (statement.sources().get(p) == Source.RETURNED && returned != null) {
                    jdbc.setObject(p + 1, returned, Types.OTHER);
                } else {
                    jdbc.setObject(p + 1, renamed(value, slot, uuids), Types.OTHER);
                }
            }
            if (jdbc.execute()) {
                try (var result = jdbc.getResultSet()) {
                    // The position is what take_report_change_position() answered, never another single value: a
                    // captured id draw replayed into change_seq collided with the service's own positions (500s).
                    if (statement.sql().contains("take_report_change_position") && result.next()) {
                        returned = result.getString(1);
                    }
                }
            }
        }
    }

    /** The captured value with this replay's UUIDs, measure and period, and department where it is the whole value. */
    private String renamed(String value, Slot slot, Map<String, String> uuids) {
        if (value.equals(captured.departmentCode())) {
            return slot.departmentCode();
        }
        Matcher uuid = UUID_TEXT.matcher(value);
        String text = uuid.find() ? uuid.replaceAll(found -> uuids.computeIfAbsent(found.group(), any -> UUID.randomUUID().toString()))
                : value;
        return text.replace(captured.measureId(), slot.measureId()).replace(captured.period(), slot.period())
                .replace(":" + captured.departmentCode() + ":", ":" + slot.departmentCode() + ":");
    }

    /** @return the log text appended to {@code file} after {@code offset} bytes */
    static String readFrom(Path file, long offset) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset), StandardCharsets.UTF_8);
    }
}
