package org.velibstream.job.settings;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of the Cassandra sink: the connection, the keyspace and how the job creates it. Passwords come from
 * {@link Secrets} ({@code VELIB_CASSANDRA_PASSWORD}, {@code VELIB_CASSANDRA_TRUSTSTORE_PASSWORD}), never from options.
 */
public final class CassandraOptions {

    private CassandraOptions() {}

    public static final ConfigOption<List<String>> CASSANDRA_CONTACT_POINTS = ConfigOptions.key(
                    "cassandra-contact-points")
            .stringType()
            .asList()
            .defaultValues("127.0.0.1:9042")
            .withDescription("Cassandra contact points, host:port, separated by ';'.");

    public static final ConfigOption<String> CASSANDRA_DATACENTER = ConfigOptions.key("cassandra-datacenter")
            .stringType()
            .defaultValue("datacenter1")
            .withDescription("The local datacenter of the Cassandra driver.");

    public static final ConfigOption<String> CASSANDRA_KEYSPACE = ConfigOptions.key("cassandra-keyspace")
            .stringType()
            .defaultValue("velib")
            .withDescription("Keyspace of the statistics and alert tables.");

    public static final ConfigOption<String> CASSANDRA_USERNAME = ConfigOptions.key("cassandra-username")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "Cassandra user (PasswordAuthenticator); the password is read from VELIB_CASSANDRA_PASSWORD "
                            + "(or the file VELIB_CASSANDRA_PASSWORD_FILE names).");

    public static final ConfigOption<String> CASSANDRA_TRUSTSTORE = ConfigOptions.key("cassandra-truststore")
            .stringType()
            .noDefaultValue()
            .withDescription("A PKCS12 truststore for TLS to Cassandra; its password is read from "
                    + "VELIB_CASSANDRA_TRUSTSTORE_PASSWORD (or ..._FILE). Node host names are verified.");

    public static final ConfigOption<Boolean> CASSANDRA_CREATE_SCHEMA = ConfigOptions.key("cassandra-create-schema")
            .booleanType()
            .defaultValue(true)
            .withDescription(
                    "Create the keyspace and tables when missing (flink-job/src/main/resources/cassandra/velib-schema.cql).");

    public static final ConfigOption<Integer> CASSANDRA_REPLICATION_FACTOR = ConfigOptions.key(
                    "cassandra-replication-factor")
            .intType()
            .defaultValue(1)
            .withDescription("Replication factor of the keyspace when the job creates it.");

    public static final ConfigOption<String> TIME_ZONE = ConfigOptions.key("time-zone")
            .stringType()
            .defaultValue("Europe/Paris")
            .withDescription(
                    "The bike-share system's time zone: the 'day' partitions of the Cassandra tables are its dates.");

    public static final ConfigOption<Duration> CASSANDRA_STATS_TTL = ConfigOptions.key("cassandra-stats-ttl")
            .durationType()
            .defaultValue(Duration.ofDays(90))
            .withDescription("How long statistics rows are kept.");

    public static final ConfigOption<Duration> CASSANDRA_ALERTS_TTL = ConfigOptions.key("cassandra-alerts-ttl")
            .durationType()
            .defaultValue(Duration.ofDays(365))
            .withDescription("How long alert rows are kept.");

    /** In the order of README's table and {@code --help}. */
    static List<ConfigOption<?>> all() {
        return List.of(
                CASSANDRA_CONTACT_POINTS,
                CASSANDRA_DATACENTER,
                CASSANDRA_KEYSPACE,
                CASSANDRA_USERNAME,
                CASSANDRA_TRUSTSTORE,
                CASSANDRA_CREATE_SCHEMA,
                CASSANDRA_REPLICATION_FACTOR,
                TIME_ZONE,
                CASSANDRA_STATS_TTL,
                CASSANDRA_ALERTS_TTL);
    }
}
