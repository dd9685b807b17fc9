package org.velibstream.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.velibstream.bench.BenchmarkPaths;

/**
 * Recovery after a TaskManager failure, on a real session cluster ({@code bin/flink-cluster}, configured by
 * {@code flink-conf/}: RocksDB state, filesystem checkpoints every 30 s, exponential-delay restarts): the job polls
 * {@code systems} simulated GBFS systems of the replay server ({@code --sink print}). Once it is steady (a checkpoint
 * completed, statistics rows printed), the TaskManager is killed with SIGKILL and a new one started at once
 * ({@code bin/flink-cluster kill-taskmanager}, {@code start-taskmanager}); measured from the kill: until the job and
 * every task are RUNNING again (REST), and until the new TaskManager prints its first statistics row. Repeated
 * {@code repeats} times, each after a checkpoint completed since the previous recovery.
 */
public final class RecoveryHarness {

    /** Override the cluster's REST and JobManager RPC ports (default: free ones). */
    public static final String REST_PORT_PROPERTY = "velib.bench.recovery.rest-port";

    public static final String RPC_PORT_PROPERTY = "velib.bench.recovery.rpc-port";

    /** The TaskManager's process memory, e.g. {@code 6g}, instead of {@code flink-conf/}'s. */
    public static final String TASKMANAGER_MEMORY_PROPERTY = "velib.bench.recovery.taskmanager-memory";

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Duration POLL_EVERY = Duration.ofMillis(200);
    private static final Duration STEADY_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(8);

    /**
     * @param taskManagerMemory the TaskManager's process memory ({@code FLINK_TASKMANAGER_MEMORY}); empty for
     *     {@code flink-conf/}'s own
     */
    public record Settings(int systems, int stationsPerSystem, int repeats, String taskManagerMemory) {
        public Settings {
            if (systems < 1 || stationsPerSystem < 1 || repeats < 1) {
                throw new IllegalArgumentException("need systems, stations per system and repeats of at least 1");
            }
        }

        /**
         * 1,000 systems of 150 stations (150,000 stations), 3 failures, {@code flink-conf/}'s own TaskManager memory:
         * with its RocksDB state backend the state lives off the heap (docs/benchmarks.md, "Recovery: where the
         * seconds go"); the heap backend needed a TaskManager of 6 GB at this size.
         */
        public static Settings full() {
            return new Settings(1000, 150, 3, "");
        }
    }

    /**
     * One failure and recovery, times from the SIGKILL.
     *
     * @param running until the job and all its tasks were RUNNING again
     * @param firstRow until the new TaskManager printed its first statistics row
     */
    public record Recovery(Duration running, Duration firstRow, RecoveryTimeline timeline) {}

    public record Result(Settings settings, long stateSizeBytes, List<Recovery> recoveries) {}

    private final Path workFolder;

    public RecoveryHarness(Path workFolder) {
        this.workFolder = workFolder;
    }

    public Result run(Settings settings) throws Exception {
        Path repository = BenchmarkPaths.repositoryRoot();
        Path run = Files.createDirectories(workFolder.resolve("recovery-" + settings.systems()));
        int restPort = Integer.getInteger(REST_PORT_PROPERTY, ReplayServerProcess.freePort());
        // An empty FLINK_TASKMANAGER_MEMORY keeps flink-conf/'s.
        Map<String, String> cluster = Map.of(
                "VELIB_WORK", run.toAbsolutePath().toString(),
                "FLINK_REST_PORT", Integer.toString(restPort),
                "FLINK_RPC_PORT",
                        Integer.toString(Integer.getInteger(RPC_PORT_PROPERTY, ReplayServerProcess.freePort())),
                "FLINK_TASKMANAGER_MEMORY", settings.taskManagerMemory());
        List<String> serverArgs = List.of(
                "--simulate",
                BenchmarkPaths.stationsCsv().toString(),
                "--seed",
                "42",
                "--systems",
                Integer.toString(settings.systems()),
                "--stations-per-system",
                Integer.toString(settings.stationsPerSystem()));
        try (ReplayServerProcess server = ReplayServerProcess.start(
                repository, run, serverArgs, Math.max(128, 64 + settings.systems() / 2) + "m")) {
            BinScript.run(repository, cluster, "flink-cluster", "start");
            RestJson rest = new RestJson(URI.create("http://127.0.0.1:" + restPort));
            String job = null;
            try {
                job = submit(repository, cluster, run, server, settings);
                Path taskManagerOut = run.resolve("flink/log/flink-taskmanager.out");
                awaitSteady(rest, job, taskManagerOut);
                List<Recovery> recoveries = new ArrayList<>();
                for (int repeat = 0; repeat < settings.repeats(); repeat++) {
                    awaitNewCheckpoint(rest, job);
                    recoveries.add(failAndRecover(repository, cluster, rest, job, taskManagerOut));
                }
                long stateSize = rest.get("jobs/" + job + "/checkpoints")
                        .path("latest")
                        .path("completed")
                        .path("state_size")
                        .asLong();
                return new Result(settings, stateSize, recoveries);
            } finally {
                if (job != null) {
                    rest.cancel(job);
                }
                BinScript.run(repository, cluster, "flink-cluster", "stop");
            }
        }
    }

    private static String submit(
            Path repository, Map<String, String> cluster, Path run, ReplayServerProcess server, Settings settings)
            throws IOException, InterruptedException {
        String gbfs = ScaleRunArguments.gbfs(server, settings.systems());
        Path properties = run.resolve("job.properties");
        // The systems go in a file: 1,000 of them make a 60 kB argument.
        Files.writeString(
                properties,
                "source=http\nsink=print\nhttp-max-connections-per-host=" + ScaleRunArguments.MAX_CONNECTIONS_PER_HOST
                        + "\ngbfs=" + gbfs + "\n",
                StandardCharsets.UTF_8);
        String output = BinScript.run(
                repository,
                cluster,
                "flink",
                "run",
                "-d",
                repository.resolve("flink-job/target/velib-stream-job.jar").toString(),
                "--config",
                properties.toString());
        Matcher id = JOB_ID.matcher(output);
        if (!id.find()) {
            throw new IllegalStateException("bin/flink run printed no JobID:\n" + output);
        }
        return id.group(1);
    }

    /** Waits until every task runs, a checkpoint completed and the TaskManager printed a statistics row. */
    private static void awaitSteady(RestJson rest, String job, Path taskManagerOut) throws Exception {
        long deadline = System.nanoTime() + STEADY_TIMEOUT.toNanos();
        StatsLines stats = new StatsLines(taskManagerOut);
        while (!(allRunning(rest, job) && completedCheckpoints(rest, job) > 0 && stats.seenOne())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The job did not reach a steady state (tasks running, a checkpoint, a "
                        + "statistics row) within " + STEADY_TIMEOUT);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_EVERY.toMillis());
        }
    }

    private static void awaitNewCheckpoint(RestJson rest, String job) throws Exception {
        long before = completedCheckpoints(rest, job);
        long deadline = System.nanoTime() + STEADY_TIMEOUT.toNanos();
        while (completedCheckpoints(rest, job) <= before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No checkpoint completed within " + STEADY_TIMEOUT);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_EVERY.toMillis());
        }
    }

    private static Recovery failAndRecover(
            Path repository, Map<String, String> cluster, RestJson rest, String job, Path taskManagerOut)
            throws Exception {
        String killedTaskManager = RecoveryTimeline.onlyTaskManager(rest);
        long restartsBefore = RecoveryTimeline.restarts(rest, job);
        long killedAtMillis = System.currentTimeMillis();
        long killed = System.nanoTime();
        BinScript.run(repository, cluster, "flink-cluster", "kill-taskmanager");
        BinScript.run(repository, cluster, "flink-cluster", "start-taskmanager");
        // bin/flink-cluster starts the new TaskManager's output afresh: any statistics row in it is new.
        StatsLines stats = new StatsLines(taskManagerOut);
        boolean seenDown = false;
        Long running = null;
        Long firstRow = null;
        long deadline = killed + RECOVERY_TIMEOUT.toNanos();
        while (running == null || firstRow == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No recovery within " + RECOVERY_TIMEOUT + " (running again: "
                        + (running != null) + ", a new statistics row: " + (firstRow != null) + ")");
            }
            boolean allRunning = allRunning(rest, job);
            seenDown |= !allRunning;
            if (running == null && seenDown && allRunning) {
                running = System.nanoTime();
            }
            if (firstRow == null && stats.seenOne()) {
                firstRow = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_EVERY.toMillis());
        }
        return new Recovery(
                Duration.ofNanos(running - killed),
                Duration.ofNanos(firstRow - killed),
                RecoveryTimeline.read(
                        rest,
                        job,
                        killedAtMillis,
                        restartsBefore,
                        RecoveryTimeline.newTaskManager(rest, killedTaskManager)));
    }

    private static boolean allRunning(RestJson rest, String job) throws IOException, InterruptedException {
        JsonNode details = rest.get("jobs/" + job);
        if (!"RUNNING".equals(details.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : details.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    private static long completedCheckpoints(RestJson rest, String job) throws IOException, InterruptedException {
        return rest.get("jobs/" + job + "/checkpoints")
                .path("counts")
                .path("completed")
                .asLong();
    }

    /** Watches a TaskManager's standard output for a statistics row of the print sink ({@code stats...> ...}). */
    private static final class StatsLines {
        private final Path file;
        private long position;
        private final StringBuilder partial = new StringBuilder();
        private boolean seen;

        StatsLines(Path file) {
            this.file = file;
        }

        boolean seenOne() throws IOException {
            if (seen || !Files.exists(file)) {
                return seen;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                if (in.length() < position) {
                    position = 0; // a new TaskManager's output
                    partial.setLength(0);
                }
                in.seek(position);
                byte[] bytes = new byte[(int) Math.min(in.length() - position, 1 << 20)];
                in.readFully(bytes);
                position += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
            }
            int end;
            while ((end = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, end);
                partial.delete(0, end + 1);
                if (line.startsWith("stats")) {
                    seen = true;
                    partial.setLength(0);
                    break;
                }
            }
            return seen;
        }
    }

    /**
     * {@code java ... RecoveryHarness [systems [repeats]]}; {@code -Dvelib.bench.recovery.taskmanager-memory=6g} for
     * another TaskManager memory than {@code flink-conf/}'s.
     */
    public static void main(String[] args) throws Exception {
        Settings full = Settings.full();
        Settings settings = new Settings(
                args.length > 0 ? Integer.parseInt(args[0]) : full.systems(),
                full.stationsPerSystem(),
                args.length > 1 ? Integer.parseInt(args[1]) : full.repeats(),
                System.getProperty(TASKMANAGER_MEMORY_PROPERTY, full.taskManagerMemory()));
        Path work = Files.createDirectories(BenchmarkPaths.repositoryRoot().resolve("benchmarks/target/scale"));
        Result result = new RecoveryHarness(Files.createTempDirectory(work, "recovery-")).run(settings);
        System.out.println(ScaleReport.recoveryTable(result));
    }
}
