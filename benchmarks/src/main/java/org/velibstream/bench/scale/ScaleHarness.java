package org.velibstream.bench.scale;

import static org.velibstream.bench.scale.ScaleFlinkConfiguration.flinkConfiguration;
import static org.velibstream.bench.scale.ScaleFlinkConfiguration.miniClusterConfiguration;
import static org.velibstream.bench.scale.ScaleRunArguments.jobArgs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.velibstream.bench.BenchmarkPaths;
import org.velibstream.bench.Summary;
import org.velibstream.job.VelibPipeline;
import org.velibstream.job.VelibStreamJob;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;

/**
 * The job polling many GBFS systems over HTTP, as in production: {@code --source http} against the replay server
 * ({@code bin/gbfs-replay}, a process of its own) simulating {@code K} systems of {@code stationsPerSystem} stations
 * each, on a local MiniCluster in this JVM with checkpointing on (hashmap state backend, filesystem checkpoint
 * storage, as {@code flink-conf/}). For each {@code K} it measures, after {@code warmupCycles} polling cycles:
 * freshness lag (poll arrival at the server to the emission of the statistics rows of the document's window, see
 * {@link FreshnessLags}), the CPU and memory of this JVM (the job) and of the server, and Flink's checkpoint
 * statistics. Results leave through {@link EmissionLogSink}, not Kafka: see its comment.
 *
 * <p>A run lasts {@code warmupCycles + measuredCycles} status intervals, then a drain of one window, the allowed
 * out-of-orderness and one interval, so that every document polled in the measured cycles has its window emitted.
 *
 * <p>This class runs the system counts one after the other: for each, it starts the server and the MiniCluster,
 * builds the job with its emission logs, and submits it. What the two processes are given is
 * {@link ScaleRunArguments}' and {@link ScaleFlinkConfiguration}'s; the measurement is {@link ScaleRunMeasurement}'s.
 */
public final class ScaleHarness {

    /** Overrides the MiniCluster's REST port (default: a free one). */
    public static final String REST_PORT_PROPERTY = "velib.bench.scale.rest-port";

    // The emission logs' names: the job writes them here, ScaleRunMeasurement reads them back.
    static final String STATS_LOG = "stats";
    static final String ALERTS_LOG = "alerts";
    static final String DEAD_LETTERS_LOG = "deadletters";

    /**
     * @param systemCounts the numbers of simulated systems to run, one run each, in this order
     * @param interval how often every station_status is polled, and how often the simulated feeds change
     * @param window the statistics' window ({@code --window})
     * @param maxOutOfOrderness {@code --max-out-of-orderness}
     * @param checkpointInterval {@code --checkpoint-interval}
     * @param minPauseBetweenCheckpoints as {@code execution.checkpointing.min-pause} of {@code flink-conf/}
     */
    public record Settings(
            List<Integer> systemCounts,
            int stationsPerSystem,
            Duration interval,
            Duration window,
            Duration maxOutOfOrderness,
            Duration checkpointInterval,
            Duration minPauseBetweenCheckpoints,
            int warmupCycles,
            int measuredCycles,
            int parallelism) {

        public Settings {
            systemCounts = List.copyOf(systemCounts);
            if (systemCounts.isEmpty()
                    || systemCounts.stream().anyMatch(k -> k < 1)
                    || stationsPerSystem < 1
                    || warmupCycles < 0
                    || measuredCycles < 1
                    || parallelism < 1) {
                throw new IllegalArgumentException("need system counts >= 1, stations >= 1, warm-up cycles >= 0, "
                        + "measured cycles >= 1 and parallelism >= 1");
            }
        }

        /**
         * What {@code bin/benchmark} runs: 10, 100 and 1,000 systems of 150 stations (150,000 stations at 1,000),
         * the job's production defaults (60 s polls, 1 min windows, 30 s out-of-orderness, 30 s checkpoints),
         * parallelism 2 on the 2 cores; 1 warm-up and 2 measured cycles (about 6 minutes per system count).
         */
        public static Settings full() {
            return new Settings(
                    List.of(10, 100, 1000),
                    150,
                    Duration.ofSeconds(60),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(10),
                    1,
                    2,
                    2);
        }

        /** CI's: 3 systems, everything in seconds; proves the harness works, the numbers mean nothing. */
        public static Settings quick() {
            return new Settings(
                    List.of(3),
                    150,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2),
                    Duration.ZERO,
                    1,
                    3,
                    2);
        }

        Duration drain() {
            return window.plus(maxOutOfOrderness).plus(interval);
        }
    }

    /**
     * One system count's run.
     *
     * @param statusDocuments full station_status documents the server sent during the measured period
     * @param jobCores CPU of this JVM (the MiniCluster running the job) over the measured period and drain, in cores
     * @param serverCores CPU of the replay server over the same time
     * @param peakHeapBytes the largest heap in use seen (sampled every second)
     * @param peakJobRssBytes this JVM's largest resident size seen
     * @param statsRows statistics rows emitted over the whole run
     * @param deadLetters dead letters over the whole run: a healthy run has none
     */
    public record Run(
            int systems,
            int stations,
            long statusDocuments,
            Duration measured,
            FreshnessLags freshness,
            double jobCores,
            double serverCores,
            long peakHeapBytes,
            long peakJobRssBytes,
            long peakServerRssBytes,
            long statsRows,
            long alerts,
            long deadLetters,
            CheckpointStatistics checkpoints) {

        /** Station statuses the job took in per second over the measured period. */
        public double statusesPerSecond() {
            return statusDocuments * (double) stations / systems / Math.max(measured.toMillis() / 1e3, 1e-3);
        }

        public Summary checkpointSizeMegabytes() {
            return summary(checkpoints.completed().stream()
                    .mapToDouble(c -> c.stateSizeBytes() / 1e6)
                    .toArray());
        }

        public Summary checkpointSeconds() {
            return summary(checkpoints.completed().stream()
                    .mapToDouble(c -> c.endToEndMillis() / 1e3)
                    .toArray());
        }

        public Summary checkpointSyncMillis() {
            return summary(checkpoints.completed().stream()
                    .mapToDouble(c -> (double) c.syncMillis())
                    .toArray());
        }

        public Summary checkpointAsyncMillis() {
            return summary(checkpoints.completed().stream()
                    .mapToDouble(c -> (double) c.asyncMillis())
                    .toArray());
        }

        private static Summary summary(double[] values) {
            return values.length == 0 ? new Summary(Double.NaN, Double.NaN, Double.NaN, 0) : Summary.of(values);
        }
    }

    public record Result(Settings settings, List<Run> runs) {}

    private final Path workFolder;

    /** @param workFolder where each run keeps its server's files, checkpoints and emission logs */
    public ScaleHarness(Path workFolder) {
        this.workFolder = workFolder;
    }

    public Result run(Settings settings) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int systems : settings.systemCounts()) {
            runs.add(runOnce(settings, systems));
        }
        return new Result(settings, runs);
    }

    private Run runOnce(Settings settings, int systems) throws Exception {
        Path run = Files.createDirectories(workFolder.resolve("systems-" + systems));
        Path requestLog = run.resolve("requests.log");
        Path emissions = Files.createDirectories(run.resolve("emissions"));
        Path repository = BenchmarkPaths.repositoryRoot();
        List<String> serverArgs = ScaleRunArguments.serverArgs(settings, systems, requestLog);
        String serverHeap = ScaleRunArguments.serverHeap(systems);
        try (ReplayServerProcess server = ReplayServerProcess.start(repository, run, serverArgs, serverHeap);
                MiniCluster cluster = new MiniCluster(miniClusterConfiguration(settings, run))) {
            cluster.start();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                    settings.parallelism(), flinkConfiguration(settings, run));
            VelibPipeline.Results results =
                    VelibStreamJob.pipeline(env, JobConfiguration.fromArgs(jobArgs(settings, server, systems)));
            results.stats()
                    .sinkTo(new EmissionLogSink<>(emissions, STATS_LOG, ScaleHarness::describe))
                    .name("Log statistics emissions")
                    .uid("scale-stats-emissions");
            results.alerts()
                    .sinkTo(new EmissionLogSink<>(
                            emissions, ALERTS_LOG, alert -> alert.type().name()))
                    .name("Log alert emissions")
                    .uid("scale-alert-emissions");
            results.deadLetters()
                    .sinkTo(new EmissionLogSink<>(emissions, DEAD_LETTERS_LOG, deadLetter -> deadLetter
                            .reason()
                            .replace('\n', ' ')))
                    .name("Log dead-letter emissions")
                    .uid("scale-dead-letter-emissions");
            JobID job = cluster.submitJob(env.getStreamGraph()).get().getJobID();
            return new ScaleRunMeasurement(settings, systems, cluster, job, server.pid())
                    .measure(requestLog, emissions);
        }
    }

    /** A statistics row as its emission log line: its window start, system and postal code. */
    private static String describe(AreaStats row) {
        return row.windowStart().toEpochMilli() + " " + row.systemId() + " " + row.areaKind() + " " + row.area();
    }

    /** {@code java ... ScaleHarness [--quick | K ...]}: the full settings, the quick ones, or these system counts. */
    public static void main(String[] args) throws Exception {
        Settings full = Settings.full();
        Settings settings = args.length == 0
                ? full
                : args[0].equals("--quick")
                        ? Settings.quick()
                        : new Settings(
                                Arrays.stream(args).map(Integer::valueOf).toList(),
                                full.stationsPerSystem(),
                                full.interval(),
                                full.window(),
                                full.maxOutOfOrderness(),
                                full.checkpointInterval(),
                                full.minPauseBetweenCheckpoints(),
                                full.warmupCycles(),
                                full.measuredCycles(),
                                full.parallelism());
        Path work = Files.createDirectories(BenchmarkPaths.repositoryRoot().resolve("benchmarks/target/scale"));
        Result result = new ScaleHarness(Files.createTempDirectory(work, "run-")).run(settings);
        System.out.println(ScaleReport.table(result));
    }
}
