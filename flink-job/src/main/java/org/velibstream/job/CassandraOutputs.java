package org.velibstream.job;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.ZoneId;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.options.JobOptions;
import org.velibstream.job.options.Secrets;
import org.velibstream.job.stats.PostalCodeStats;
import org.velibstream.sink.cassandra.CassandraConnectionOptions;
import org.velibstream.sink.cassandra.CassandraCredentials;
import org.velibstream.sink.cassandra.CassandraSessionFactory;
import org.velibstream.sink.cassandra.CassandraSink;
import org.velibstream.sink.cassandra.CassandraSinkBuilder;
import org.velibstream.sink.cassandra.CassandraSinkException;
import org.velibstream.sink.cassandra.CassandraStatementMapper;
import org.velibstream.sink.cassandra.CassandraTlsOptions;
import org.velibstream.sink.cassandra.VelibSchema;

/**
 * Writes statistics and alerts to the Cassandra tables of {@code velib-schema.cql}, creating them first if asked.
 * Every statement is an upsert on the full primary key, so a replay after a restart rewrites the same rows.
 */
final class CassandraOutputs {

    static final String PASSWORD_VARIABLE = "VELIB_CASSANDRA_PASSWORD";
    static final String TRUSTSTORE_PASSWORD_VARIABLE = "VELIB_CASSANDRA_TRUSTSTORE_PASSWORD";

    private CassandraOutputs() {}

    static void attach(VelibPipeline.Results results, Configuration config) throws CassandraSinkException {
        String keyspace = config.get(JobOptions.CASSANDRA_KEYSPACE);
        if (config.get(JobOptions.CASSANDRA_CREATE_SCHEMA)) {
            createSchema(config, keyspace);
        }
        ZoneId zone = ZoneId.of(config.get(JobOptions.TIME_ZONE));
        results.stats()
                .sinkTo(sink(
                        config,
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
                        config,
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
                        config,
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

    /** Opens and closes a session with the job's contact points, credentials and TLS settings. */
    static void checkAccess(Configuration config) throws CassandraSinkException {
        CassandraSessionFactory.open(connection(config, null)).close();
    }

    private static <T> CassandraSink<T> sink(Configuration config, CassandraStatementMapper<T> mapper) {
        CassandraConnectionOptions connection = connection(config, config.get(JobOptions.CASSANDRA_KEYSPACE));
        CassandraSinkBuilder<T> builder = CassandraSink.<T>builder()
                .setContactPoints(connection.contactPoints().toArray(String[]::new))
                .setLocalDatacenter(connection.localDatacenter())
                .setKeyspace(config.get(JobOptions.CASSANDRA_KEYSPACE))
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

    private static void createSchema(Configuration config, String keyspace) throws CassandraSinkException {
        VelibSchema schema = VelibSchema.builder()
                .keyspace(keyspace)
                .replication("{'class': 'SimpleStrategy', 'replication_factor': "
                        + config.get(JobOptions.CASSANDRA_REPLICATION_FACTOR) + "}")
                .tableTtl("postal_code_stats", config.get(JobOptions.CASSANDRA_STATS_TTL))
                .tableTtl("station_alerts", config.get(JobOptions.CASSANDRA_ALERTS_TTL))
                .tableTtl("alerts_by_day", config.get(JobOptions.CASSANDRA_ALERTS_TTL))
                .build();
        try (CqlSession session = CassandraSessionFactory.open(connection(config, null))) {
            schema.applyTo(session);
        }
    }

    private static CassandraConnectionOptions connection(Configuration config, @Nullable String keyspace) {
        Secrets secrets = Secrets.fromEnvironment();
        String username = config.get(JobOptions.CASSANDRA_USERNAME);
        CassandraCredentials credentials = username == null
                ? null
                : new CassandraCredentials(username, secrets.require(PASSWORD_VARIABLE, "--cassandra-username"));
        String truststore = config.get(JobOptions.CASSANDRA_TRUSTSTORE);
        CassandraTlsOptions tls = truststore == null
                ? null
                : new CassandraTlsOptions(
                        truststore, secrets.require(TRUSTSTORE_PASSWORD_VARIABLE, "--cassandra-truststore"), true);
        return new CassandraConnectionOptions(
                config.get(JobOptions.CASSANDRA_CONTACT_POINTS),
                config.get(JobOptions.CASSANDRA_DATACENTER),
                keyspace,
                credentials,
                tls);
    }
}
