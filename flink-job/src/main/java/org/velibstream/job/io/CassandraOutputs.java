package org.velibstream.job.io;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.ZoneId;
import org.velibstream.job.VelibPipeline;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.settings.CassandraSettings;
import org.velibstream.job.stats.PostalCodeStats;
import org.velibstream.sink.cassandra.CassandraConnectionOptions;
import org.velibstream.sink.cassandra.CassandraSessionFactory;
import org.velibstream.sink.cassandra.CassandraSink;
import org.velibstream.sink.cassandra.CassandraSinkBuilder;
import org.velibstream.sink.cassandra.CassandraSinkException;
import org.velibstream.sink.cassandra.CassandraStatementMapper;
import org.velibstream.sink.cassandra.VelibSchema;

/**
 * Writes statistics and alerts to the Cassandra tables of {@code velib-schema.cql}, creating them first if asked.
 * Every statement is an upsert on the full primary key, so a replay after a restart rewrites the same rows.
 */
public final class CassandraOutputs {

    private CassandraOutputs() {}

    static void attach(VelibPipeline.Results results, CassandraSettings settings) throws CassandraSinkException {
        String keyspace = settings.keyspace();
        if (settings.createSchema()) {
            createSchema(settings, keyspace);
        }
        ZoneId zone = settings.timeZone();
        results.stats()
                .sinkTo(sink(
                        settings,
                        CassandraStatementMapper.<PostalCodeStats>of(
                                "INSERT INTO " + keyspace
                                        + ".postal_code_stats (system_id, postal_code, day, window_end, "
                                        + "window_start, stations, bikes, mechanical, ebike, docks, capacity, empty_stations, "
                                        + "full_stations, out_of_service_stations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                stats -> new Object[] {
                                    stats.systemId(), stats.postalCode(), VelibSchema.day(stats.windowEnd(), zone),
                                            stats.windowEnd(), stats.windowStart(),
                                    stats.stations(), stats.bikes(), stats.mechanical(), stats.ebike(), stats.docks(),
                                    stats.capacity(), stats.emptyStations(), stats.fullStations(),
                                            stats.outOfServiceStations()
                                })))
                .name("Statistics to Cassandra")
                .uid("stats-cassandra-sink");
        results.alerts()
                .sinkTo(sink(
                        settings,
                        CassandraStatementMapper.<StationAlert>of(
                                "INSERT INTO " + keyspace
                                        + ".station_alerts (system_id, station_code, type, since, postal_code, "
                                        + "state, detected_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                alert -> new Object[] {
                                    alert.systemId(),
                                    alert.stationCode(),
                                    alert.type().name(),
                                    alert.since(),
                                    alert.postalCode(),
                                    alert.state().name(),
                                    alert.detectedAt(),
                                    alert.details()
                                })))
                .name("Alerts to Cassandra, by station")
                .uid("station-alerts-cassandra-sink");
        results.alerts()
                .sinkTo(sink(
                        settings,
                        CassandraStatementMapper.<StationAlert>of(
                                "INSERT INTO " + keyspace
                                        + ".alerts_by_day (day, since, system_id, station_code, type, "
                                        + "postal_code, state, detected_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                alert -> new Object[] {
                                    VelibSchema.day(alert.since(), zone),
                                    alert.since(),
                                    alert.systemId(),
                                    alert.stationCode(),
                                    alert.type().name(),
                                    alert.postalCode(),
                                    alert.state().name(),
                                    alert.detectedAt(),
                                    alert.details()
                                })))
                .name("Alerts to Cassandra, by day")
                .uid("alerts-by-day-cassandra-sink");
    }

    /**
     * Opens and closes a session with the job's contact points, credentials and TLS settings.
     *
     * @throws CassandraSinkException when Cassandra refuses the job or does not answer
     */
    public static void checkAccess(CassandraSettings settings) throws CassandraSinkException {
        CassandraSessionFactory.open(settings.connection()).close();
    }

    private static <T> CassandraSink<T> sink(CassandraSettings settings, CassandraStatementMapper<T> mapper) {
        CassandraConnectionOptions connection = settings.connection();
        CassandraSinkBuilder<T> builder = CassandraSink.<T>builder()
                .setContactPoints(connection.contactPoints().toArray(String[]::new))
                .setLocalDatacenter(connection.localDatacenter())
                .setKeyspace(settings.keyspace())
                .setStatementMapper(mapper);
        if (connection.credentials() != null) {
            builder.setCredentials(
                    connection.credentials().username(),
                    connection.credentials().password());
        }
        if (connection.tls() != null) {
            builder.setTls(
                    connection.tls().truststorePath(),
                    connection.tls().truststorePassword(),
                    connection.tls().hostnameVerification());
        }
        return builder.build();
    }

    private static void createSchema(CassandraSettings settings, String keyspace) throws CassandraSinkException {
        VelibSchema schema = VelibSchema.builder()
                .keyspace(keyspace)
                .replication("{'class': 'SimpleStrategy', 'replication_factor': " + settings.replicationFactor() + "}")
                .tableTtl("postal_code_stats", settings.statsTtl())
                .tableTtl("station_alerts", settings.alertsTtl())
                .tableTtl("alerts_by_day", settings.alertsTtl())
                .build();
        try (CqlSession session = CassandraSessionFactory.open(settings.connection())) {
            schema.applyTo(session);
        }
    }
}
