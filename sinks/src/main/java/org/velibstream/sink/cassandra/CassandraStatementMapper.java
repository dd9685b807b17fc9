package org.velibstream.sink.cassandra;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Turns a record into one CQL statement: the CQL with {@code ?} bind markers, prepared once per writer, and the values
 * to bind for each record, in marker order. Idempotent upserts ({@code INSERT} or {@code UPDATE} on the full primary
 * key) make replays after a restart rewrite the same rows.
 *
 * @param <T> the record type
 */
public interface CassandraStatementMapper<T> extends Serializable {

    /** The CQL to prepare, e.g. {@code INSERT INTO sensors.readings (sensor, ...) VALUES (?, ...)}. */
    String cql();

    /**
     * The values for the bind markers of {@link #cql()}, in order, as driver types ({@code String} for text,
     * {@code Instant} for timestamp, {@code Integer} for int, {@code LocalDate} for date...). {@code null} writes a
     * null cell.
     */
    Object[] bindValues(T record);

    static <T> CassandraStatementMapper<T> of(String cql, SerializableFunction<T, Object[]> bindValues) {
        return new FunctionStatementMapper<>(cql, bindValues);
    }

    /** The mapper behind {@link #of}. */
    record FunctionStatementMapper<T>(String cql, SerializableFunction<T, Object[]> bindValuesFunction)
            implements CassandraStatementMapper<T> {

        public FunctionStatementMapper {
            if (cql == null || cql.isBlank()) {
                throw new IllegalArgumentException("The statement mapper's CQL must not be blank");
            }
            Objects.requireNonNull(bindValuesFunction, "bindValuesFunction");
        }

        @Override
        public Object[] bindValues(T record) {
            return bindValuesFunction.apply(record);
        }
    }
}
