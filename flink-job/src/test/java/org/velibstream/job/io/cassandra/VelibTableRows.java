package org.velibstream.job.io.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of the velib tables as the tests compare them: column → value, in the table definition's column order. Rows
 * read from Cassandra and rows expected from records both go through the {@link VelibTable} the job writes with, so a
 * test never spells a column list of its own.
 */
public final class VelibTableRows {

    /** The job's default {@code --time-zone}, which the {@code day} columns are dated in. */
    public static final ZoneId SYSTEM_ZONE = ZoneId.of("Europe/Paris");

    private VelibTableRows() {}

    /** Every row of {@code table} in {@code keyspace}. */
    public static List<Map<String, Object>> read(CqlSession session, String keyspace, VelibTable<?> table) {
        return read(session, keyspace, table, "");
    }

    /** The rows of {@code table} in {@code keyspace} matching {@code where} (CQL such as {@code "day = '...'"}). */
    public static List<Map<String, Object>> read(
            CqlSession session, String keyspace, VelibTable<?> table, String where) {
        String query = table.select(keyspace) + (where.isEmpty() ? "" : " WHERE " + where);
        return session.execute(query).all().stream()
                .map(row -> asMap(table, row))
                .toList();
    }

    /** The rows {@code records} write to {@code table}, with the job's default time zone. */
    public static <T> List<Map<String, Object>> expected(VelibTable<T> table, List<T> records) {
        return records.stream().map(record -> expected(table, record)).toList();
    }

    public static <T> Map<String, Object> expected(VelibTable<T> table, T record) {
        Object[] values = table.values(record, SYSTEM_ZONE);
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(table.columnNames().get(i), values[i]);
        }
        return row;
    }

    private static Map<String, Object> asMap(VelibTable<?> table, Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> columns = table.columnNames();
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), row.getObject(i));
        }
        return values;
    }
}
