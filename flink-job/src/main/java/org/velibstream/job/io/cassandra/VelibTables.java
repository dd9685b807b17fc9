package org.velibstream.job.io.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.io.cassandra.VelibTable.Column;
import org.velibstream.job.io.cassandra.VelibTable.ColumnValue;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.sink.cassandra.CassandraSchema;

/**
 * velib-stream's Cassandra tables: the schema ({@value #SCHEMA_RESOURCE}, the one place of keys, clustering orders and
 * TTLs) and, per table, the columns the job writes and the value each takes from a record. {@code VelibTablesTest}
 * checks that every column here is in the schema's {@code CREATE TABLE}. Names and columns are those of running
 * deployments: a column added here is added to existing tables when the schema is applied; renaming one needs
 * a migration of its own.
 */
public final class VelibTables {

    /** The schema's classpath resource, in the job's jar. */
    public static final String SCHEMA_RESOURCE = "/cassandra/velib-schema.cql";

    /** One row per system, area and window (see the schema). */
    public static final VelibTable<AreaStats> AREA_STATS = new VelibTable<>(
            "area_stats",
            AreaStats::systemId,
            List.of(
                    stats("system_id", (stats, zone) -> stats.systemId()),
                    stats("area_kind", (stats, zone) -> stats.areaKind().name()),
                    stats("area", (stats, zone) -> stats.area()),
                    stats("day", (stats, zone) -> day(stats.windowEnd(), zone)),
                    stats("window_end", (stats, zone) -> stats.windowEnd()),
                    stats("window_start", (stats, zone) -> stats.windowStart()),
                    stats("stations", (stats, zone) -> stats.stations()),
                    stats("bikes", (stats, zone) -> stats.bikes()),
                    stats("mechanical", (stats, zone) -> stats.mechanical()),
                    stats("ebike", (stats, zone) -> stats.ebike()),
                    stats("docks", (stats, zone) -> stats.docks()),
                    stats("capacity", (stats, zone) -> stats.capacity()),
                    stats("empty_stations", (stats, zone) -> stats.emptyStations()),
                    stats("full_stations", (stats, zone) -> stats.fullStations()),
                    stats("out_of_service_stations", (stats, zone) -> stats.outOfServiceStations()),
                    stats("inconsistent_stations", (stats, zone) -> stats.inconsistentStations())));

    /** One row per alert (system, station, type, start), by station. */
    public static final VelibTable<StationAlert> STATION_ALERTS = new VelibTable<>(
            "station_alerts",
            StationAlert::systemId,
            List.of(
                    alert("system_id", (alert, zone) -> alert.systemId()),
                    alert("station_code", (alert, zone) -> alert.stationCode()),
                    alert("type", (alert, zone) -> alert.type().name()),
                    alert("since", (alert, zone) -> alert.since()),
                    alert("area_kind", (alert, zone) -> alert.areaKind().name()),
                    alert("area", (alert, zone) -> alert.area()),
                    alert("state", (alert, zone) -> alert.state().name()),
                    alert("detected_at", (alert, zone) -> alert.detectedAt()),
                    alert("details", (alert, zone) -> alert.details())));

    /** The same alerts by the day they began. */
    public static final VelibTable<StationAlert> ALERTS_BY_DAY = new VelibTable<>(
            "alerts_by_day",
            StationAlert::systemId,
            List.of(
                    alert("day", (alert, zone) -> day(alert.since(), zone)),
                    alert("since", (alert, zone) -> alert.since()),
                    alert("system_id", (alert, zone) -> alert.systemId()),
                    alert("station_code", (alert, zone) -> alert.stationCode()),
                    alert("type", (alert, zone) -> alert.type().name()),
                    alert("area_kind", (alert, zone) -> alert.areaKind().name()),
                    alert("area", (alert, zone) -> alert.area()),
                    alert("state", (alert, zone) -> alert.state().name()),
                    alert("detected_at", (alert, zone) -> alert.detectedAt()),
                    alert("details", (alert, zone) -> alert.details())));

    /** Every table, in the schema's order. */
    public static final List<VelibTable<?>> ALL = List.of(AREA_STATS, STATION_ALERTS, ALERTS_BY_DAY);

    private VelibTables() {}

    /**
     * The value of the {@code day} partition-key columns: the calendar date of {@code instant} in the bike-share
     * system's time zone ({@code Europe/Paris} for Vélib'), as {@code yyyy-MM-dd}.
     */
    public static String day(Instant instant, ZoneId systemZone) {
        return LocalDate.ofInstant(instant, systemZone).toString();
    }

    /**
     * The schema in {@code keyspace}, with SimpleStrategy replication of {@code replicationFactor}, statistics kept
     * {@code statsTtl} and alerts (both tables) {@code alertsTtl}.
     */
    public static CassandraSchema schema(
            String keyspace, int replicationFactor, Duration statsTtl, Duration alertsTtl) {
        return schemaFile()
                .keyspace(keyspace)
                .replication("{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}")
                .tableTtl(AREA_STATS.name(), statsTtl)
                .tableTtl(STATION_ALERTS.name(), alertsTtl)
                .tableTtl(ALERTS_BY_DAY.name(), alertsTtl)
                .build();
    }

    /** The schema file as it is, its own keyspace ({@code velib}), replication and TTLs unchanged until set. */
    public static CassandraSchema.Builder schemaFile() {
        return CassandraSchema.fromResource(VelibTables.class, SCHEMA_RESOURCE);
    }

    private static Column<AreaStats> stats(String name, ColumnValue<AreaStats> value) {
        return new Column<>(name, value);
    }

    private static Column<StationAlert> alert(String name, ColumnValue<StationAlert> value) {
        return new Column<>(name, value);
    }
}
