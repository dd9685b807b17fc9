package org.velibstream.job.stack;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.io.cassandra.VelibTable;
import org.velibstream.job.io.cassandra.VelibTables;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.sink.json.JsonCodec;

/**
 * What a job run has made visible so far: the statistics and alert topics as a {@code read_committed} consumer sees
 * them (every committed record, duplicates included), and every row of the Cassandra tables.
 */
record JobOutput(List<AreaStats> stats, List<StationAlert> alerts, List<String> cassandraRows) {

    private static final ObjectMapper JSON = JsonCodec.newMapper();

    JobOutput {
        stats = List.copyOf(stats);
        alerts = List.copyOf(alerts);
        cassandraRows = List.copyOf(cassandraRows);
    }

    /**
     * Reads the outputs now: what {@code stats} and {@code alerts} have committed so far, and the Cassandra tables;
     * a keyspace the job has not created yet reads as empty.
     */
    static JobOutput read(CommittedRecords stats, CommittedRecords alerts, CqlSession session, String keyspace) {
        return new JobOutput(
                stats.readNew().stream()
                        .map(json -> parse(json, AreaStats.class))
                        .toList(),
                alerts.readNew().stream()
                        .map(json -> parse(json, StationAlert.class))
                        .toList(),
                cassandraRows(session, keyspace));
    }

    /** True when every row of {@code expected} is here, each at least as many times (so a gap shows as false). */
    boolean includes(JobOutput expected) {
        return includes(stats, expected.stats)
                && includes(alerts, expected.alerts)
                && includes(cassandraRows, expected.cassandraRows);
    }

    String summary() {
        return stats.size() + " statistics rows, " + alerts.size() + " alerts, " + cassandraRows.size()
                + " Cassandra rows";
    }

    private static <T> boolean includes(List<T> actual, List<T> expected) {
        Map<T, Integer> missing = new HashMap<>();
        expected.forEach(row -> missing.merge(row, 1, Integer::sum));
        actual.forEach(row -> missing.computeIfPresent(row, (key, count) -> count > 1 ? count - 1 : null));
        return missing.isEmpty();
    }

    private static List<String> cassandraRows(CqlSession session, String keyspace) {
        List<String> rows = new ArrayList<>();
        try {
            for (VelibTable<?> table : VelibTables.ALL) {
                for (Row row : session.execute(table.select(keyspace))) {
                    rows.add(table.name() + " " + row.getFormattedContents());
                }
            }
        } catch (DriverException e) {
            // The keyspace does not exist yet, or the node is still coming back: nothing visible now.
            return List.of();
        }
        return rows;
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + json, e);
        }
    }
}
