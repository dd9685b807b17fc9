package org.velibstream.bench.spark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The Spark Structured Streaming peer of velib-stream's per-postal-code statistics, for issue 7's side-by-side
 * benchmark: reads the raw topic from its earliest offset, runs {@link PostalCodeStatsQuery} in local mode until
 * {@code --expected-records} records have been read and every window they close has been emitted, then prints one
 * JSON line ({@link RunResult}) on stdout and leaves the rows in {@code --output}.
 *
 * <p>Append mode emits a window once the watermark (the latest event time less {@code --max-out-of-orderness})
 * passes its end, and Structured Streaming has no end-of-input watermark: the last windows of a finite input, within
 * window + lateness of its latest record, stay open and are not emitted. velib-stream's bounded runs emit them;
 * compare the windows both emitted.
 */
public final class SparkPeer {

    public static final String QUERY_NAME = "velib_stream_spark_peer";

    private final SparkSession spark;

    public SparkPeer(SparkSession spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    public static void main(String[] args) throws Exception {
        // What Spark's launcher passes with -D (see spark.jvm.options in the pom), for `java -jar` without them.
        setIfAbsent("io.netty.tryReflectionSetAccessible", "true");
        setIfAbsent("io.netty.allocator.type", "pooled");
        SparkPeerOptions options;
        try {
            options = SparkPeerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SparkPeer: " + e.getMessage());
            System.err.println(SparkPeerOptions.USAGE);
            System.exit(2);
            return;
        }
        try (SparkSession spark = localSession(options)) {
            System.out.println(new SparkPeer(spark).run(options).toJson());
        }
    }

    /**
     * A local-mode session tuned as a Spark engineer would for this job: one shuffle partition per thread (the
     * default 200 would run 200 state stores per stateful operator on 2 cores), no web UI, loopback only, UTC.
     * {@code --conf} settings come last and win.
     */
    public static SparkSession localSession(SparkPeerOptions options) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("velib-stream Spark peer")
                .master(options.master())
                .config("spark.sql.shuffle.partitions", options.localThreads())
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.enabled", false)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1");
        options.sparkConf().forEach(builder::config);
        return builder.getOrCreate();
    }

    /** Runs the query over the raw topic until the expected records are read and their windows emitted. */
    public RunResult run(SparkPeerOptions options) throws Exception {
        Instant deadline = Instant.now().plus(options.timeout());
        if (options.output() != null) {
            Path parent = options.output().toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.deleteIfExists(options.output());
        }
        Dataset<Row> records = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", options.bootstrapServers())
                .option("subscribe", options.topic())
                .option("startingOffsets", "earliest")
                .load();
        Dataset<Row> stats = PostalCodeStatsQuery.stats(
                records, StationTable.read(spark, options.stations()), options.window(), options.maxOutOfOrderness());

        StatsJsonLines sink = new StatsJsonLines(options.output());
        QueryProgress progress = new QueryProgress(QUERY_NAME);
        // Each run starts from the earliest offset: its checkpoint is its own and goes with it.
        Path checkpoint = Files.createTempDirectory("spark-peer-checkpoint-");
        spark.streams().addListener(progress);
        try {
            long cpuAtStart = processCpuNanos();
            StreamingQuery query = stats.writeStream()
                    .queryName(QUERY_NAME)
                    .outputMode("append")
                    .option("checkpointLocation", checkpoint.toString())
                    .foreachBatch(sink)
                    .start();
            Instant end;
            double cpuSeconds;
            try {
                progress.awaitRecords(query, options.expectedRecords(), deadline);
                // Returns once the no-data micro-batches that the last watermark advance triggers have emitted.
                query.processAllAvailable();
                end = Instant.now();
                cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
                progress.awaitBatch(query, query.lastProgress().batchId(), deadline);
            } finally {
                query.stop();
            }
            double seconds =
                    Duration.between(progress.firstDataBatchStart(), end).toNanos() / 1e9;
            long read = progress.records();
            return new RunResult(
                    read,
                    seconds,
                    read / seconds,
                    cpuSeconds,
                    read / cpuSeconds,
                    sink.windows(),
                    sink.rows(),
                    progress.rejected(),
                    progress.droppedByWatermark(),
                    progress.batches(),
                    options.master());
        } finally {
            spark.streams().removeListener(progress);
            JavaUtils.deleteRecursively(checkpoint.toFile());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
