package org.velibstream.sink.cassandra;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * The records of the sink tests and the statement mappers writing them to the tables of
 * {@code cassandra/readings-schema.cql}: a time series ({@code readings}) and an upserted state ({@code events}).
 */
final class TestRows {

    /** The test schema's classpath resource. */
    static final String SCHEMA_RESOURCE = "/cassandra/readings-schema.cql";

    private TestRows() {}

    /** A sensor's value at an instant; {@code day} is a partition-key column, as applications bucket time series. */
    record Reading(
            String sensor,
            String day,
            Instant at,
            int value,
            @Nullable String note) {}

    /** Something that opened at {@code since} and may resolve later, rewriting its row. */
    record Event(String sensor, String type, Instant since, String state, Instant detectedAt, String details) {

        Event resolved(Instant resolvedAt, String resolution) {
            return new Event(sensor, type, since, "RESOLVED", resolvedAt, resolution);
        }
    }

    static final CassandraStatementMapper<Reading> READINGS = CassandraStatementMapper.of(
            "INSERT INTO readings (sensor, day, at, value, note) VALUES (?, ?, ?, ?, ?)",
            reading -> new Object[] {reading.sensor(), reading.day(), reading.at(), reading.value(), reading.note()});

    static final CassandraStatementMapper<Event> EVENTS = CassandraStatementMapper.of(
            "INSERT INTO events (sensor, type, since, state, detected_at, details) VALUES (?, ?, ?, ?, ?, ?)",
            event -> new Object[] {
                event.sensor(), event.type(), event.since(), event.state(), event.detectedAt(), event.details()
            });

    /** A reading whose value is {@code value} and whose note derives from it, so a read can be checked field by field. */
    static Reading reading(String sensor, String day, Instant at, int value) {
        return new Reading(sensor, day, at, value, "reading " + value);
    }
}
