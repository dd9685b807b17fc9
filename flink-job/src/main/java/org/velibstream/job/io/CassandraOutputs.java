package org.velibstream.job.io;

import com.datastax.oss.driver.api.core.CqlSession;
import org.velibstream.job.VelibPipeline;
import org.velibstream.job.io.cassandra.VelibTables;
import org.velibstream.job.model.SystemTimeZones;
import org.velibstream.job.settings.CassandraSettings;
import org.velibstream.sink.cassandra.CassandraConnectionOptions;
import org.velibstream.sink.cassandra.CassandraSchema;
import org.velibstream.sink.cassandra.CassandraSessionFactory;
import org.velibstream.sink.cassandra.CassandraSink;
import org.velibstream.sink.cassandra.CassandraSinkBuilder;
import org.velibstream.sink.cassandra.CassandraSinkException;
import org.velibstream.sink.cassandra.CassandraStatementMapper;

/**
 * Writes statistics and alerts to the Cassandra tables of {@link VelibTables}, creating them first if asked (and
 * bringing tables of earlier versions up to date). The {@code day} partitions are dated in each system's time zone.
 * Every statement is an upsert on the full primary key, so a replay after a restart rewrites the same rows.
 */
public final class CassandraOutputs {

    private CassandraOutputs() {}

    /**
     * @param zones each system's time zone, whose dates are the {@code day} partitions
     */
    public static void attach(VelibPipeline.Results results, CassandraSettings settings, SystemTimeZones zones)
            throws CassandraSinkException {
        String keyspace = settings.keyspace();
        if (settings.createSchema()) {
            createSchema(settings, keyspace);
        }
        results.stats()
                .sinkTo(sink(settings, VelibTables.AREA_STATS.mapper(keyspace, zones)))
                .name("Statistics to Cassandra")
                .uid("stats-cassandra-sink");
        results.alerts()
                .sinkTo(sink(settings, VelibTables.STATION_ALERTS.mapper(keyspace, zones)))
                .name("Alerts to Cassandra, by station")
                .uid("station-alerts-cassandra-sink");
        results.alerts()
                .sinkTo(sink(settings, VelibTables.ALERTS_BY_DAY.mapper(keyspace, zones)))
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
        CassandraSchema schema =
                VelibTables.schema(keyspace, settings.replicationFactor(), settings.statsTtl(), settings.alertsTtl());
        try (CqlSession session = CassandraSessionFactory.open(settings.connection())) {
            schema.applyTo(session);
        }
    }
}
