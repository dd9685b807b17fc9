package org.velibstream.job.settings;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;
import org.velibstream.sink.cassandra.CassandraConnectionOptions;
import org.velibstream.sink.cassandra.CassandraCredentials;
import org.velibstream.sink.cassandra.CassandraTlsOptions;

/**
 * The job's Cassandra settings, resolved once from the options and the secrets. The credentials and the truststore
 * password are in {@link #connection()} only, whose parts never print them.
 *
 * @param connection contact points, datacenter, credentials and TLS, without a session keyspace
 * @param timeZone the bike-share system's time zone, whose dates are the tables' {@code day} partitions
 */
public record CassandraSettings(
        CassandraConnectionOptions connection,
        String keyspace,
        boolean createSchema,
        int replicationFactor,
        Duration statsTtl,
        Duration alertsTtl,
        ZoneId timeZone) {

    public static final String PASSWORD_VARIABLE = "VELIB_CASSANDRA_PASSWORD";
    public static final String TRUSTSTORE_PASSWORD_VARIABLE = "VELIB_CASSANDRA_TRUSTSTORE_PASSWORD";

    public CassandraSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /** @throws IllegalArgumentException when a password is missing or a contact point is not host:port */
    static CassandraSettings from(Configuration config, Secrets secrets) {
        String username = config.get(CassandraOptions.CASSANDRA_USERNAME);
        CassandraCredentials credentials = username == null
                ? null
                : new CassandraCredentials(username, secrets.require(PASSWORD_VARIABLE, "--cassandra-username"));
        String truststore = config.get(CassandraOptions.CASSANDRA_TRUSTSTORE);
        CassandraTlsOptions tls = truststore == null
                ? null
                : new CassandraTlsOptions(
                        truststore, secrets.require(TRUSTSTORE_PASSWORD_VARIABLE, "--cassandra-truststore"), true);
        return new CassandraSettings(
                new CassandraConnectionOptions(
                        config.get(CassandraOptions.CASSANDRA_CONTACT_POINTS),
                        config.get(CassandraOptions.CASSANDRA_DATACENTER),
                        null,
                        credentials,
                        tls),
                config.get(CassandraOptions.CASSANDRA_KEYSPACE),
                config.get(CassandraOptions.CASSANDRA_CREATE_SCHEMA),
                config.get(CassandraOptions.CASSANDRA_REPLICATION_FACTOR),
                config.get(CassandraOptions.CASSANDRA_STATS_TTL),
                config.get(CassandraOptions.CASSANDRA_ALERTS_TTL),
                timeZone(config.get(CassandraOptions.TIME_ZONE)));
    }

    private static ZoneId timeZone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Bad value '" + zone + "' for --time-zone: " + e.getMessage(), e);
        }
    }
}
