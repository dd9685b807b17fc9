package org.velibstream.job;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.ZoneId;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;
import org.velibstream.job.io.cassandra.VelibTables;
import org.velibstream.job.options.JobOptions;
import org.velibstream.job.options.Secrets;
import org.velibstream.sink.cassandra.CassandraConnectionOptions;
import org.velibstream.sink.cassandra.CassandraCredentials;
import org.velibstream.sink.cassandra.CassandraSchema;
import org.velibstream.sink.cassandra.CassandraSessionFactory;
import org.velibstream.sink.cassandra.CassandraSink;
import org.velibstream.sink.cassandra.CassandraSinkBuilder;
import org.velibstream.sink.cassandra.CassandraSinkException;
import org.velibstream.sink.cassandra.CassandraStatementMapper;
import org.velibstream.sink.cassandra.CassandraTlsOptions;

/**
 * Writes statistics and alerts to the Cassandra tables of {@link VelibTables}, creating them first if asked.
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
                .sinkTo(sink(config, VelibTables.POSTAL_CODE_STATS.mapper(keyspace, zone)))
                .name("Statistics to Cassandra")
                .uid("stats-cassandra-sink");
        results.alerts()
                .sinkTo(sink(config, VelibTables.STATION_ALERTS.mapper(keyspace, zone)))
                .name("Alerts to Cassandra, by station")
                .uid("station-alerts-cassandra-sink");
        results.alerts()
                .sinkTo(sink(config, VelibTables.ALERTS_BY_DAY.mapper(keyspace, zone)))
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
        CassandraSchema schema = VelibTables.schema(
                keyspace,
                config.get(JobOptions.CASSANDRA_REPLICATION_FACTOR),
                config.get(JobOptions.CASSANDRA_STATS_TTL),
                config.get(JobOptions.CASSANDRA_ALERTS_TTL));
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
