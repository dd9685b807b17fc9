package org.velibstream.console;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.annotation.Nullable;

/**
 * The console's command line: where the job's output is ({@code --kafka-bootstrap}, {@code --stats-topic},
 * {@code --alerts-topic}, with the job's defaults), how to reach Kafka ({@code --kafka-properties}, a Java properties
 * file of client settings such as security), and the time zone times are shown in. An unknown option or a value
 * missing is an error naming it, so that a typo never silently means a default. With {@code --flink-rest} and
 * {@code --job-id} (both or neither) it watches the job, and ends saying so when it has failed.
 *
 * @param timeZones the zone each system's times are shown in
 *
 * @param kafkaProperties a Java properties file of extra Kafka client settings; null for none
 * @param flinkRest the REST address of the Flink cluster running the job; null to not watch the job
 * @param jobId the job to watch; null exactly when {@code flinkRest} is
 */
public record ConsoleOptions(
        String kafkaBootstrap,
        @Nullable Path kafkaProperties,
        String statsTopic,
        String alertsTopic,
        SystemZones timeZones,
        @Nullable URI flinkRest,
        @Nullable String jobId) {

    /** The job's defaults, so that the console reads a job started with its defaults without options. */
    public static final String DEFAULT_KAFKA_BOOTSTRAP = "localhost:9092";

    public static final String DEFAULT_STATS_TOPIC = "velib-projet-final-data";
    public static final String DEFAULT_ALERTS_TOPIC = "velib-alerts";
    public static final String DEFAULT_TIME_ZONE = "Europe/Paris";

    public static final String USAGE =
            """
            Usage: ResultsConsole [options]
            Shows the job's statistics and alerts topics live: what the exactly-once sinks committed (read_committed),
            from the beginning of the topics, without a consumer group. Ctrl-C stops it.
              --kafka-bootstrap SERVERS  Kafka bootstrap servers (default %s)
              --kafka-properties FILE    a Java properties file of extra Kafka client settings, e.g. security
              --stats-topic TOPIC        the statistics topic (default %s)
              --alerts-topic TOPIC       the alerts topic (default %s)
              --time-zone ZONES          the time zone times are shown in (default %s), or one per system:
                                         velib=Europe/Paris;baywheels=America/Los_Angeles
              --flink-rest URL           the REST address of the Flink cluster running the job, with --job-id:
              --job-id ID                the console then ends, with status 1, saying so when the job has failed
              --help                     this text""".formatted(DEFAULT_KAFKA_BOOTSTRAP, DEFAULT_STATS_TOPIC, DEFAULT_ALERTS_TOPIC, DEFAULT_TIME_ZONE);

    private static final List<String> OPTIONS = List.of(
            "--kafka-bootstrap",
            "--kafka-properties",
            "--stats-topic",
            "--alerts-topic",
            "--time-zone",
            "--flink-rest",
            "--job-id");

    public ConsoleOptions {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(statsTopic, "statsTopic");
        Objects.requireNonNull(alertsTopic, "alertsTopic");
        Objects.requireNonNull(timeZones, "timeZones");
        if ((flinkRest == null) != (jobId == null)) {
            throw new IllegalArgumentException("--flink-rest and --job-id go together: give both or neither");
        }
    }

    /** Watches the job when the options name it. */
    public Optional<JobWatch> jobWatch() {
        return flinkRest != null && jobId != null ? Optional.of(new JobWatch(flinkRest, jobId)) : Optional.empty();
    }

    public static boolean wantsHelp(String... args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    /**
     * @throws IllegalArgumentException for an unknown option, a missing value or a bad time zone
     */
    public static ConsoleOptions parse(String... args) {
        String bootstrap = DEFAULT_KAFKA_BOOTSTRAP;
        Path properties = null;
        String statsTopic = DEFAULT_STATS_TOPIC;
        String alertsTopic = DEFAULT_ALERTS_TOPIC;
        String timeZone = DEFAULT_TIME_ZONE;
        URI flinkRest = null;
        String jobId = null;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException("Unknown option '" + option + "'; the options are " + OPTIONS);
            }
            if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--kafka-bootstrap" -> bootstrap = value;
                case "--kafka-properties" -> properties = Path.of(value);
                case "--stats-topic" -> statsTopic = value;
                case "--alerts-topic" -> alertsTopic = value;
                case "--time-zone" -> timeZone = value;
                case "--flink-rest" -> flinkRest = flinkRestUri(value);
                case "--job-id" -> jobId = value;
                default -> throw new IllegalStateException("an option without a case: " + option);
            }
        }
        return new ConsoleOptions(
                bootstrap,
                properties,
                statsTopic,
                alertsTopic,
                SystemZones.parse(timeZone, ZoneId.of(DEFAULT_TIME_ZONE)),
                flinkRest,
                jobId);
    }

    private static URI flinkRestUri(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) address with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--flink-rest " + e.getMessage(), e);
        }
    }

    /** The settings of the properties file, if any, with the bootstrap servers of {@code --kafka-bootstrap}. */
    public Properties kafkaClientProperties() throws IOException {
        Properties properties = new Properties();
        if (kafkaProperties != null) {
            try (Reader reader = Files.newBufferedReader(kafkaProperties)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IOException("Cannot read --kafka-properties " + kafkaProperties, e);
            }
        }
        properties.setProperty("bootstrap.servers", kafkaBootstrap);
        return properties;
    }
}
