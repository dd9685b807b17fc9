package org.velibstream.job.io.cassandra;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.velibstream.job.model.SystemTimeZones;
import org.velibstream.sink.cassandra.CassandraStatementMapper;

/**
 * A table of {@code cassandra/velib-schema.cql} as the job writes it: its name, the system a record belongs to (whose
 * time zone dates the {@code day} columns) and its columns, each with the value a record puts in it. The INSERT the
 * sink prepares, its bind values and the tests' SELECTs all come from this one list.
 *
 * @param <T> the record a row is written from
 */
public record VelibTable<T>(String name, SystemOf<T> systemOf, List<Column<T>> columns) implements Serializable {

    public VelibTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(systemOf, "systemOf");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Table " + name + " needs columns");
        }
    }

    /** One column: its name in the CQL, and its value for a record. */
    public record Column<T>(String name, ColumnValue<T> value) implements Serializable {}

    /** The bike-share system a record belongs to. */
    @FunctionalInterface
    public interface SystemOf<T> extends Serializable {
        String systemId(T record);
    }

    /** The value of a column for a record, as a driver type (String for text, Instant for timestamp, Integer...). */
    @FunctionalInterface
    public interface ColumnValue<T> extends Serializable {
        /** @param systemZone the bike-share system's time zone, which {@code day} columns are dated in */
        @Nullable
        Object of(T record, ZoneId systemZone);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** {@code INSERT INTO keyspace.name (columns...) VALUES (?, ...)}: an upsert on the full primary key. */
    public String insert(String keyspace) {
        return "INSERT INTO " + keyspace + "." + name + " (" + String.join(", ", columnNames()) + ") VALUES ("
                + columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** {@code SELECT columns... FROM keyspace.name}, the columns in the order of {@link #values}. */
    public String select(String keyspace) {
        return "SELECT " + String.join(", ", columnNames()) + " FROM " + keyspace + "." + name;
    }

    /** What {@code record} writes to the columns, in column order, dated in its system's zone. */
    public Object[] values(T record, SystemTimeZones zones) {
        return values(record, zones.zoneOf(systemOf.systemId(record)));
    }

    /** What {@code record} writes to the columns, in column order, dated in {@code systemZone}. */
    public Object[] values(T record, ZoneId systemZone) {
        return columns.stream()
                .map(column -> column.value().of(record, systemZone))
                .toArray();
    }

    /** The sink's statement mapper: {@link #insert} bound to {@link #values}. */
    public CassandraStatementMapper<T> mapper(String keyspace, SystemTimeZones zones) {
        return CassandraStatementMapper.of(insert(keyspace), record -> values(record, zones));
    }
}
