package org.velibstream.bench.spark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.spark.network.util.JavaUtils;

/**
 * The Spark peer's command line.
 *
 * <pre>
 * --bootstrap SERVERS --topic RAW_TOPIC --stations data/stations.csv --expected-records N
 *     [--window 1m] [--max-out-of-orderness 30s] [--output FILE] [--master local[2]] [--timeout 10m]
 *     [--conf spark.key=value]...
 * </pre>
 *
 * Durations are written as Spark writes them in its configuration ({@code 30s}, {@code 1m}, {@code 1min},
 * {@code 2h}; a space before the unit is allowed). The defaults of {@code --window} and
 * {@code --max-out-of-orderness} are velib-stream's own, so that both compute the same windows with the same
 * allowed lateness.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic the raw topic, read from its earliest offset
 * @param stations the station → postal code table ({@code data/stations.csv})
 * @param window size of the tumbling event-time windows
 * @param maxOutOfOrderness the watermark's delay: how late a record may arrive and still count in its window
 * @param expectedRecords how many records the run reads before it finishes
 * @param output where the per-(window, postal code) rows go as JSON lines; null for none
 * @param master Spark's master URL, {@code local[N]}
 * @param timeout how long the run may take before it gives up
 * @param sparkConf extra Spark settings, applied last (they win over the peer's own)
 */
public record SparkPeerOptions(
        String bootstrapServers,
        String topic,
        Path stations,
        Duration window,
        Duration maxOutOfOrderness,
        long expectedRecords,
        @Nullable Path output,
        String master,
        Duration timeout,
        Map<String, String> sparkConf) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    public static final String DEFAULT_MASTER = "local[2]";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    static final String USAGE = "Usage: SparkPeer --bootstrap SERVERS --topic RAW_TOPIC --stations STATIONS_CSV "
            + "--expected-records N [--window 1m] [--max-out-of-orderness 30s] [--output FILE] "
            + "[--master local[2]] [--timeout 10m] [--conf spark.key=value]...";

    private static final Pattern LOCAL_MASTER = Pattern.compile("local\\[(\\d+|\\*)]");

    public SparkPeerOptions {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(stations, "stations");
        requirePositive(window, "--window");
        requirePositive(timeout, "--timeout");
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("--max-out-of-orderness must not be negative: " + maxOutOfOrderness);
        }
        if (expectedRecords <= 0) {
            throw new IllegalArgumentException("--expected-records must be positive: " + expectedRecords);
        }
        localThreads(master);
        sparkConf = Map.copyOf(sparkConf);
    }

    /** @throws IllegalArgumentException naming the option that is unknown, missing or malformed */
    public static SparkPeerOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sparkConf = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got '" + name + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--bootstrap",
                        "--topic",
                        "--stations",
                        "--window",
                        "--max-out-of-orderness",
                        "--expected-records",
                        "--output",
                        "--master",
                        "--timeout" -> {
                    if (values.put(name, value) != null) {
                        throw new IllegalArgumentException(name + " is given twice");
                    }
                }
                case "--conf" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--conf takes key=value, got '" + value + "'");
                    }
                    sparkConf.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        String output = values.get("--output");
        return new SparkPeerOptions(
                required(values, "--bootstrap"),
                required(values, "--topic"),
                Path.of(required(values, "--stations")),
                duration(values, "--window", DEFAULT_WINDOW),
                duration(values, "--max-out-of-orderness", DEFAULT_MAX_OUT_OF_ORDERNESS),
                count(required(values, "--expected-records")),
                output != null ? Path.of(output) : null,
                values.getOrDefault("--master", DEFAULT_MASTER),
                duration(values, "--timeout", DEFAULT_TIMEOUT),
                sparkConf);
    }

    /** The number of threads of a {@code local[N]} master; {@code local[*]} is one per core. */
    public int localThreads() {
        return localThreads(master);
    }

    private static int localThreads(String master) {
        Matcher matcher = LOCAL_MASTER.matcher(Objects.requireNonNull(master, "master"));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "--master must be local[N] or local[*] (the peer runs in local mode): " + master);
        }
        int threads = matcher.group(1).equals("*")
                ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(matcher.group(1));
        if (threads < 1) {
            throw new IllegalArgumentException("--master needs at least one thread: " + master);
        }
        return threads;
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    private static Duration duration(Map<String, String> values, String name, Duration defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Duration.ofMillis(JavaUtils.timeStringAsMs(value.replace(" ", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a duration (30s, 1m, 2h): '" + value + "'", e);
        }
    }

    private static long count(String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--expected-records: not a whole number: '" + value + "'", e);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
