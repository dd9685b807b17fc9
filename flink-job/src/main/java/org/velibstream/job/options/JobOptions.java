package org.velibstream.job.options;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.velibstream.source.http.HttpPollingSourceOptions;

/**
 * Every option of the job, with its default and its documentation. Options are read from a config file
 * ({@code --config}) and the command line ({@code --name value}, which wins); passwords come from
 * environment variables or the files they name ({@link Secrets}), never from options.
 */
public final class JobOptions {

    private JobOptions() {}

    public static final String VELIB_GBFS_URL =
            "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json";

    /** Which inputs feed the job. */
    public enum SourceKind {
        /** Poll the GBFS systems given by {@code gbfs}. */
        http,
        /** Read station-status records from the raw Kafka topic. */
        kafka,
        /** Both of the above, unioned. */
        both,
        /** A bounded replay of recorded station_status snapshots ({@code status}, {@code information}). */
        files
    }

    /** Where results, alerts and dead letters go; several may be chosen. */
    public enum SinkKind {
        /** Kafka topics, exactly-once. */
        kafka,
        /** Cassandra tables (statistics and alerts), idempotent upserts. */
        cassandra,
        /** One JSON object per line in {@code output}/stats.jsonl, alerts.jsonl, deadletter.jsonl. */
        jsonl,
        /** Standard output of the TaskManagers, for trying things out. */
        print
    }

    // ---- inputs

    public static final ConfigOption<SourceKind> SOURCE = ConfigOptions.key("source")
            .enumType(SourceKind.class)
            .defaultValue(SourceKind.http)
            .withDescription("Inputs: http (poll GBFS), kafka (raw topic), both, or files (bounded replay).");

    public static final ConfigOption<List<String>> GBFS = ConfigOptions.key("gbfs")
            .stringType()
            .asList()
            .defaultValues("velib=" + VELIB_GBFS_URL)
            .withDescription(
                    "The GBFS systems to poll, separated by ';', each as id=url of its gbfs.json (a bare URL takes "
                            + "its id from the host name). The id names the system's state, metrics and dead letters.");

    public static final ConfigOption<Duration> STATUS_INTERVAL = ConfigOptions.key("status-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .withDescription("How often station_status is polled.");

    public static final ConfigOption<Duration> INFORMATION_INTERVAL = ConfigOptions.key("information-interval")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("How often station_information is polled.");

    public static final ConfigOption<Duration> HTTP_REQUEST_TIMEOUT = ConfigOptions.key("http-request-timeout")
            .durationType()
            .defaultValue(HttpPollingSourceOptions.DEFAULT_REQUEST_TIMEOUT)
            .withDescription("A poll that has not answered within this time fails (it counts toward FEED_DOWN).");

    public static final ConfigOption<Integer> HTTP_MAX_CONNECTIONS_PER_HOST = ConfigOptions.key(
                    "http-max-connections-per-host")
            .intType()
            .defaultValue(HttpPollingSourceOptions.DEFAULT_MAX_CONNECTIONS_PER_HOST)
            .withDescription("Polls a source reader has open to one host at once. Raise it when one host serves "
                    + "many systems: a poll waiting longer than --http-request-timeout for a connection fails.");

    public static final ConfigOption<Duration> HTTP_MAX_BACKOFF = ConfigOptions.key("http-max-backoff")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("A failing feed is retried with exponential backoff up to this delay; it bounds how "
                    + "late a feed coming back is noticed.");

    public static final ConfigOption<String> STATUS_FILES = ConfigOptions.key("status")
            .stringType()
            .noDefaultValue()
            .withDescription("With --source files: a directory of station_status JSON snapshots (or one file).");

    public static final ConfigOption<String> INFORMATION_FILE = ConfigOptions.key("information")
            .stringType()
            .noDefaultValue()
            .withDescription("With --source files: a station_information JSON file (optional).");

    public static final ConfigOption<String> RAW_SYSTEM_ID = ConfigOptions.key("raw-system-id")
            .stringType()
            .defaultValue("velib")
            .withDescription("System id of records read from the raw topic or files. The same id as a polled system "
                    + "(velib for Vélib' Métropole) makes both inputs describe the same stations.");

    // ---- Kafka

    public static final ConfigOption<String> KAFKA_BOOTSTRAP = ConfigOptions.key("kafka-bootstrap")
            .stringType()
            .defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers.");

    public static final ConfigOption<String> KAFKA_PROPERTIES = ConfigOptions.key("kafka-properties")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "A Java properties file of extra Kafka client settings (compression, timeouts, or security "
                            + "the options below do not cover, such as OAUTHBEARER or client certificates).");

    public static final ConfigOption<String> KAFKA_SASL_USERNAME = ConfigOptions.key("kafka-sasl-username")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "Kafka user: the job's Kafka clients then log in over SASL_SSL, with the password read from "
                            + "VELIB_KAFKA_SASL_PASSWORD (or the file VELIB_KAFKA_SASL_PASSWORD_FILE names).");

    public static final ConfigOption<String> KAFKA_SASL_MECHANISM = ConfigOptions.key("kafka-sasl-mechanism")
            .stringType()
            .defaultValue("SCRAM-SHA-512")
            .withDescription("With --kafka-sasl-username: SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN.");

    public static final ConfigOption<String> KAFKA_TRUSTSTORE = ConfigOptions.key("kafka-truststore")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "A PKCS12 truststore with the CA of the Kafka brokers' certificates (default: the JVM's); its "
                            + "password is read from VELIB_KAFKA_TRUSTSTORE_PASSWORD (or ..._FILE). Alone, it turns on TLS without "
                            + "SASL. Broker host names are always verified.");

    public static final ConfigOption<String> RAW_TOPIC = ConfigOptions.key("raw-topic")
            .stringType()
            .defaultValue("velib-projet")
            .withDescription("Topic of raw station-status records (input, and output of --publish-raw).");

    public static final ConfigOption<String> STATS_TOPIC = ConfigOptions.key("stats-topic")
            .stringType()
            .defaultValue("velib-projet-final-data")
            .withDescription("Topic of per-postal-code statistics, keyed by systemId:postalCode.");

    public static final ConfigOption<String> ALERTS_TOPIC = ConfigOptions.key("alerts-topic")
            .stringType()
            .defaultValue("velib-alerts")
            .withDescription("Topic of station alerts, keyed by systemId:stationCode.");

    public static final ConfigOption<String> DEADLETTER_TOPIC = ConfigOptions.key("deadletter-topic")
            .stringType()
            .defaultValue("velib-deadletter")
            .withDescription("Topic of rejected input and late data, with the reason and the raw payload.");

    public static final ConfigOption<Integer> TOPIC_PARTITIONS = ConfigOptions.key("topic-partitions")
            .intType()
            .defaultValue(3)
            .withDescription("Partitions of the topics the job creates when they are missing.");

    public static final ConfigOption<Integer> TOPIC_REPLICATION = ConfigOptions.key("topic-replication")
            .intType()
            .defaultValue(1)
            .withDescription("Replication factor of the topics the job creates when they are missing.");

    public static final ConfigOption<Boolean> PUBLISH_RAW = ConfigOptions.key("publish-raw")
            .booleanType()
            .defaultValue(false)
            .withDescription("Republish every polled station status to the raw topic.");

    public static final ConfigOption<String> KAFKA_GROUP_ID = ConfigOptions.key("kafka-group-id")
            .stringType()
            .defaultValue("velib-stream")
            .withDescription("Consumer group of the raw-topic source (offsets are checkpointed by Flink).");

    public static final ConfigOption<String> KAFKA_STARTING_OFFSETS = ConfigOptions.key("kafka-starting-offsets")
            .stringType()
            .defaultValue("earliest")
            .withDescription("Where the raw-topic source starts without committed offsets: earliest or latest.");

    public static final ConfigOption<Boolean> KAFKA_STOP_AT_LATEST = ConfigOptions.key("kafka-stop-at-latest")
            .booleanType()
            .defaultValue(false)
            .withDescription(
                    "Read the raw topic only up to the offsets that are latest when the job starts, then finish "
                            + "(a bounded backfill).");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("transactional-id-prefix")
            .stringType()
            .defaultValue("velib-stream")
            .withDescription("Prefix of the Kafka sink's transactional ids; unique per job on a cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("transaction-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("Kafka transaction timeout; must not exceed the broker's transaction.max.timeout.ms.");

    // ---- processing

    public static final ConfigOption<Duration> WINDOW = ConfigOptions.key("window")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("Size of the tumbling event-time windows of the statistics.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = ConfigOptions.key("max-out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("How late an observation may arrive and still count in its window.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT = ConfigOptions.key("idle-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(2))
            .withDescription(
                    "A source split that sends no station status for this long stops holding back the watermark.");

    public static final ConfigOption<String> STATIONS_TABLE = ConfigOptions.key("stations")
            .stringType()
            .noDefaultValue()
            .withDescription("A stations.csv postal-code table to use instead of the one built into the jar.");

    public static final ConfigOption<List<String>> STATION_FILTER = ConfigOptions.key("station-filter")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription(
                    "Only these station codes, separated by ';' (the classic exercise: 16107;32017). Default: all.");

    public static final ConfigOption<Duration> EMPTY_AFTER = ConfigOptions.key("empty-after")
            .durationType()
            .defaultValue(Duration.ofMinutes(30))
            .withDescription("EMPTY alert: a station has had 0 bikes for this long.");

    public static final ConfigOption<Duration> FULL_AFTER = ConfigOptions.key("full-after")
            .durationType()
            .defaultValue(Duration.ofMinutes(30))
            .withDescription("FULL alert: a station has had 0 docks for this long.");

    public static final ConfigOption<Duration> STALE_AFTER = ConfigOptions.key("stale-after")
            .durationType()
            .defaultValue(Duration.ofHours(2))
            .withDescription("STALE alert: a station's last_reported has not advanced for this long.");

    public static final ConfigOption<Duration> DROP_WITHIN = ConfigOptions.key("drop-within")
            .durationType()
            .defaultValue(Duration.ofMinutes(15))
            .withDescription("SUDDEN_DROP alert: the time span in which the drop must happen.");

    public static final ConfigOption<Integer> DROP_MIN_BIKES = ConfigOptions.key("drop-min-bikes")
            .intType()
            .defaultValue(5)
            .withDescription("SUDDEN_DROP alert: the smallest drop in bikes that counts.");

    public static final ConfigOption<Double> DROP_FRACTION = ConfigOptions.key("drop-fraction")
            .doubleType()
            .defaultValue(0.5)
            .withDescription("SUDDEN_DROP alert: the smallest drop as a fraction of the earlier count.");

    public static final ConfigOption<Duration> FEED_DOWN_AFTER = ConfigOptions.key("feed-down-after")
            .durationType()
            .defaultValue(Duration.ofMinutes(3))
            .withDescription("FEED_DOWN alert: every poll of a GBFS feed has failed (refused, timed out, HTTP error) "
                    + "for this long.");

    // ---- outputs and runtime

    public static final ConfigOption<List<SinkKind>> SINK = ConfigOptions.key("sink")
            .enumType(SinkKind.class)
            .asList()
            .defaultValues(SinkKind.kafka, SinkKind.cassandra)
            .withDescription("Where results go, separated by ';': kafka, cassandra, jsonl, print.");

    public static final ConfigOption<String> OUTPUT = ConfigOptions.key("output")
            .stringType()
            .noDefaultValue()
            .withDescription("With --sink jsonl: the directory for stats.jsonl, alerts.jsonl and deadletter.jsonl.");

    // ---- Cassandra (passwords come from Secrets: VELIB_CASSANDRA_PASSWORD, VELIB_CASSANDRA_TRUSTSTORE_PASSWORD)

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

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("checkpoint-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Checkpoint interval (exactly-once); 0 turns checkpointing off.");

    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("parallelism")
            .intType()
            .noDefaultValue()
            .withDescription("Job parallelism; default: the cluster's.");

    public static final ConfigOption<Integer> WEB_UI_PORT = ConfigOptions.key("web-ui-port")
            .intType()
            .defaultValue(8081)
            .withDescription("With java -jar: the port of the local MiniCluster's web UI.");

    /** All options, in the order they are documented. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : JobOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return options;
    }
}
