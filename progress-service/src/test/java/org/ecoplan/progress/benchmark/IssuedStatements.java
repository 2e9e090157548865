package org.ecoplan.progress.benchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.ecoplan.testing.ReadLatency;

/**
 * The SQL statements a request made PostgreSQL run, with their parameters, as the server itself logged them
 * ({@code log_statement = all}), and their replay over plain JDBC: the floor a read is compared with. Capturing at
 * the server sees every statement whatever issued it (Hibernate, the catalogue replica's JDBC, the pool's checks),
 * exactly as executed; a hand-written approximation would flatter or wrong the service.
 *
 * <p>Only where the test JVM started its own PostgreSQL (its log file next to its data directory): a configured,
 * possibly shared server is never reconfigured, and {@link #open} answers empty. Background work of the service
 * (outbox relay, monitors every second) also reaches the log, so a request is captured in three separate windows
 * and only the statements found in all three count: a periodic statement does not land in all three by chance.
 */
final class IssuedStatements implements AutoCloseable {

    /** A message of the server log starts with this prefix (then the backend's pid). */
    private static final String PREFIX = "@@ecoplan-sql ";
    private static final Pattern MESSAGE = Pattern.compile("^" + PREFIX + "(\\d+) (\\w+):  (.*)$", Pattern.DOTALL);
    private static final Pattern EXECUTE = Pattern.compile("^(?:execute (?!fetch from)[^:]*|statement): (.*)$", Pattern.DOTALL);
    private static final int WINDOWS = 3;

    /** One statement as the server ran it; {@code parameters.get(i)} is {@code $(i+1)}, null for SQL NULL. */
    record Statement(String sql, List<String> parameters) {
    }

    private final DataSource dataSource;
    private final Path log;

    private IssuedStatements(DataSource dataSource, Path log) {
        this.dataSource = dataSource;
        this.log = log;
    }

    /** Turns statement logging on, if this JVM's own server it is; {@link #close()} turns it off again. */
    static Optional<IssuedStatements> open(DataSource dataSource) throws SQLException, InterruptedException {
        Path log;
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement();
                ResultSet result = statement.executeQuery("show data_directory")) {
            result.next();
            Path data = Path.of(result.getString(1));
            // PostgresServer.startThrowaway's log file.
            log = data.resolveSibling(data.getFileName() + ".log");
        } catch (SQLException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        configure("alter system set log_statement = 'all'", "alter system set log_line_prefix = '" + PREFIX + "%p '",
                dataSource);
        return Optional.of(new IssuedStatements(dataSource, log));
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        configure("alter system reset log_statement", "alter system reset log_line_prefix", dataSource);
    }

    private static void configure(String first, String second, DataSource dataSource) throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(first);
            statement.execute(second);
            statement.execute("select pg_reload_conf()");
        }
        // Every backend, the pool's idle connections too, re-reads the configuration before its next command once
        // the postmaster has passed the signal on.
        Thread.sleep(500);
    }

    /** The statements that {@code request} made the server run, in order. */
    List<Statement> capture(ReadLatency.Action request) throws Exception {
        List<List<Statement>> windows = new ArrayList<>();
        for (int i = 0; i < WINDOWS; i++) {
            long from = Files.size(log);
            request.run();
            // The server logs a statement before it answers it: the response implies the log line.
            windows.add(parse(read(from, Files.size(log))));
            Thread.sleep(173L * (i + 1));
        }
        Map<Statement, Integer> everywhere = new HashMap<>();
        for (Statement statement : windows.get(0)) {
            everywhere.merge(statement, 1, Integer::sum);
        }
        for (List<Statement> window : windows.subList(1, WINDOWS)) {
            Map<Statement, Integer> counts = new HashMap<>();
            window.forEach(statement -> counts.merge(statement, 1, Integer::sum));
            everywhere.replaceAll((statement, count) -> Math.min(count, counts.getOrDefault(statement, 0)));
        }
        List<Statement> issued = new ArrayList<>();
        for (Statement statement : windows.get(0)) {
            if (everywhere.merge(statement, -1, Integer::sum) >= 0) {
                issued.add(statement);
            }
        }
        return issued;
    }

    private String read(long from, long to) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) (to - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Log messages (continuation lines belong to the message above) to statements with their parameters. */
    static List<Statement> parse(String text) {
        List<String> messages = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(PREFIX) || messages.isEmpty()) {
                messages.add(line);
            } else {
                messages.set(messages.size() - 1, messages.get(messages.size() - 1) + "\n" + line);
            }
        }
        List<Statement> statements = new ArrayList<>();
        Map<String, Integer> lastOfBackend = new HashMap<>();
        for (String message : messages) {
            Matcher parts = MESSAGE.matcher(message.strip());
            if (!parts.matches()) {
                continue;
            }
            String pid = parts.group(1);
            if ("LOG".equals(parts.group(2))) {
                Matcher execute = EXECUTE.matcher(parts.group(3));
                if (execute.matches()) {
                    lastOfBackend.put(pid, statements.size());
                    statements.add(new Statement(execute.group(1).strip(), List.of()));
                } else {
                    lastOfBackend.remove(pid);
                }
            } else if ("DETAIL".equals(parts.group(2)) && parts.group(3).startsWith("parameters: ")
                    && lastOfBackend.containsKey(pid)) {
                int index = lastOfBackend.remove(pid);
                statements.set(index, new Statement(statements.get(index).sql(),
                        parameters(parts.group(3).substring("parameters: ".length()))));
            }
        }
        return statements;
    }

    /** {@code $1 = 'a', $2 = NULL, $3 = 'it''s'} to its values (scanned: a regular expression recurses per character). */
    static List<String> parameters(String detail) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while ((i = detail.indexOf('$', i)) >= 0) {
            int equals = detail.indexOf(" = ", i);
            int number = Integer.parseInt(detail.substring(i + 1, equals));
            while (values.size() < number) {
                values.add(null);
            }
            i = equals + 3;
            if (detail.startsWith("NULL", i)) {
                i += 4;
                continue;
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (i < detail.length()) {
                char c = detail.charAt(i++);
                if (c != '\'') {
                    value.append(c);
                } else if (i < detail.length() && detail.charAt(i) == '\'') {
                    value.append('\'');
                    i++;
                } else {
                    break;
                }
            }
            values.set(number - 1, value.toString());
        }
        return values;
    }

    /**
     * Runs the statements one after the other on one connection, as prepared statements whose parameters have the
     * server infer their types (as it does for the logged text), reading every row of every result.
     */
    static void replay(Connection connection, List<Statement> statements) throws SQLException {
        for (Statement statement : statements) {
            List<Integer> order = new ArrayList<>();
            try (PreparedStatement prepared = connection.prepareStatement(jdbc(statement.sql(), order))) {
                bind(prepared, statement, order);
                boolean isResult = prepared.execute();
                while (true) {
                    if (isResult) {
                        try (ResultSet rows = prepared.getResultSet()) {
                            while (rows.next()) {
                                // every row crosses the wire, as for the service
                            }
                        }
                    } else if (prepared.getUpdateCount() == -1) {
                        break;
                    }
                    isResult = prepared.getMoreResults();
                }
            }
        }
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of each statement that reads, with its parameters, as text for people. */
    static String explain(Connection connection, List<Statement> statements) throws SQLException {
        StringBuilder plans = new StringBuilder();
        for (Statement statement : statements) {
            if (!statement.sql().regionMatches(true, 0, "select", 0, 6)) {
                continue;
            }
            List<Integer> order = new ArrayList<>();
            try (PreparedStatement prepared = connection.prepareStatement("explain (analyze, buffers) " + jdbc(statement.sql(), order))) {
                bind(prepared, statement, order);
                try (ResultSet rows = prepared.executeQuery()) {
                    while (rows.next()) {
                        plans.append(rows.getString(1)).append('\n');
                    }
                }
            }
            plans.append('\n');
        }
        return plans.toString();
    }

    private static void bind(PreparedStatement prepared, Statement statement, List<Integer> order) throws SQLException {
        for (int i = 0; i < order.size(); i++) {
            String value = statement.parameters().get(order.get(i) - 1);
            if (value == null) {
                prepared.setNull(i + 1, Types.OTHER);
            } else {
                prepared.setObject(i + 1, value, Types.OTHER);
            }
        }
    }

    /** {@code $n} (outside string literals) to JDBC's {@code ?}, noting which n each is; a literal {@code ?} escaped. */
    static String jdbc(String sql, List<Integer> order) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                order.add(Integer.parseInt(sql.substring(i + 1, end)));
                out.append('?');
                i = end - 1;
            } else if (c == '?' && !quoted) {
                out.append("??");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
