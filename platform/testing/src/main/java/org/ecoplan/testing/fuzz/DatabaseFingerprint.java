package org.ecoplan.testing.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A fingerprint of every table of the service's database: per table the number of rows and the sum of a hash
 * of each row's text. Any insert, update or delete of any table changes it (up to a 64-bit hash collision),
 * whichever code wrote. Columns that background jobs keep updating (an outbox row's publication time, a
 * delivery's next attempt) can be left out, and so can tables only background jobs write; new rows in them
 * are still seen when their key columns are kept.
 */
final class DatabaseFingerprint implements AutoCloseable {

    private final Connection connection;
    private final Map<String, String> queries = new TreeMap<>();

    DatabaseFingerprint(String jdbcUrl, String user, String password, Set<String> ignoredTables,
            Map<String, Set<String>> ignoredColumns) {
        try {
            this.connection = DriverManager.getConnection(jdbcUrl, user, password);
            connection.setAutoCommit(true);
            Map<String, List<String>> columns = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("""
                            select c.table_name, c.column_name from information_schema.columns c
                            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                            where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                            order by c.table_name, c.ordinal_position""")) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            columns.forEach((table, names) -> {
                if (ignoredTables.contains(table)) {
                    return;
                }
                Set<String> ignored = ignoredColumns.getOrDefault(table, Set.of());
                String kept = names.stream().filter(name -> !ignored.contains(name)).map(DatabaseFingerprint::quote)
                        .collect(Collectors.joining(", "));
                String row = ignored.isEmpty() ? "t::text" : "row(" + kept + ")::text";
                queries.put(table, "select count(*) || ':' || coalesce(sum(hashtextextended(" + row
                        + ", 0)::numeric), 0) from " + quote(table) + " t");
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the service's database " + jdbcUrl, e);
        }
    }

    /** Per table, its rows' count and hash sum. */
    Map<String, String> take() {
        Map<String, String> fingerprint = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                try (ResultSet result = statement.executeQuery(query.getValue())) {
                    result.next();
                    fingerprint.put(query.getKey(), result.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot fingerprint the database", e);
        }
        return fingerprint;
    }

    /** The tables whose fingerprint differs. */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        return after.keySet().stream().filter(table -> !Objects.equals(before.get(table), after.get(table))).toList();
    }

    int tables() {
        return queries.size();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
