package org.velibstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.velibstream.job.VelibStreamJob;
import org.velibstream.job.settings.JobConfiguration;

/**
 * End-to-end throughput of the real job: {@link VelibStreamJob#build} in bounded mode ({@code --source files}) over
 * {@code snapshots} simulated station_status documents of about 1,500 stations, on a local MiniCluster with as many
 * slots as the parallelism, results to JSON-lines files. Each parallelism runs {@code warmups} unmeasured times, then
 * {@code repeats} measured times, each on a fresh MiniCluster.
 *
 * <p>A run's time is the job's net runtime as Flink reports it, from its start to its end: task deployment and the
 * end of the bounded input (the last windows and timers) included, MiniCluster start-up not. That fixed cost weighs on
 * a short run, so each measured run is paired with a run over one snapshot: the sustained rate is the extra statuses
 * of the long run over its extra time. Checkpointing is off, as a bounded replay needs none. CPU is this process's CPU
 * time over the long run; heap is the sum of the heap pools' peaks during it.
 */
public final class JobThroughputHarness {

    public record Settings(int snapshots, List<Integer> parallelisms, int warmups, int repeats) {
        public Settings {
            if (snapshots < 1 || warmups < 0 || repeats < 1 || parallelisms.isEmpty()) {
                throw new IllegalArgumentException(
                        "need snapshots >= 1, warmups >= 0, repeats >= 1 and a parallelism, got " + snapshots + ", "
                                + warmups + ", " + repeats + ", " + parallelisms);
            }
            parallelisms = List.copyOf(parallelisms);
        }

        /** What {@code bin/benchmark} runs: 200 snapshots (297,000 statuses), parallelism 1 and 2, 1 warm-up, 5 runs. */
        public static Settings full() {
            return new Settings(200, List.of(1, 2), 1, 5);
        }
    }

    /**
     * One measured run, and its one-snapshot baseline.
     *
     * @param records station statuses the job read
     * @param statsRows statistics rows the job wrote: proof that it did the work
     * @param baselineRecords station statuses of the one-snapshot baseline run
     * @param baselineNetRuntime the baseline run's net runtime: mostly the job's fixed cost
     */
    public record Run(
            int parallelism,
            long records,
            long statsRows,
            Duration netRuntime,
            Duration cpuTime,
            long peakHeapBytes,
            long baselineRecords,
            Duration baselineNetRuntime) {

        /** Statuses over the whole run's time, fixed cost included. */
        public double recordsPerSecond() {
            return records / seconds(netRuntime);
        }

        /** Statuses beyond the baseline's over the time beyond the baseline's: the rate once the job is running. */
        public double sustainedRecordsPerSecond() {
            return (records - baselineRecords) / seconds(netRuntime.minus(baselineNetRuntime));
        }

        /** Cores kept busy on average: CPU time over runtime. */
        public double coresUsed() {
            return seconds(cpuTime) / seconds(netRuntime);
        }

        private static double seconds(Duration duration) {
            return Math.max(duration.toNanos(), 1) / 1e9;
        }
    }

    /** The measured runs of one parallelism, with their median and spread. */
    public record Measurement(int parallelism, List<Run> runs) {
        public Measurement {
            runs = List.copyOf(runs);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("a measurement needs at least one run");
            }
        }

        public Summary recordsPerSecond() {
            return Summary.of(runs.stream().mapToDouble(Run::recordsPerSecond).toArray());
        }

        public Summary sustainedRecordsPerSecond() {
            return Summary.of(
                    runs.stream().mapToDouble(Run::sustainedRecordsPerSecond).toArray());
        }

        public Summary baselineSeconds() {
            return Summary.of(runs.stream()
                    .mapToDouble(run -> run.baselineNetRuntime().toMillis() / 1e3)
                    .toArray());
        }

        public Summary coresUsed() {
            return Summary.of(runs.stream().mapToDouble(Run::coresUsed).toArray());
        }

        public Summary peakHeapMegabytes() {
            return Summary.of(
                    runs.stream().mapToDouble(run -> run.peakHeapBytes() / 1e6).toArray());
        }
    }

    /** What was measured, and on what. */
    public record Result(Settings settings, int stations, long recordsPerRun, List<Measurement> measurements) {}

    private final Path workFolder;

    /** @param workFolder where the snapshots and each run's output are written; emptied of them afterwards */
    public JobThroughputHarness(Path workFolder) {
        this.workFolder = workFolder;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = args.length == 0
                ? Settings.full()
                : new Settings(
                        Integer.parseInt(args[0]),
                        List.of(1, 2),
                        1,
                        args.length > 1
                                ? Integer.parseInt(args[1])
                                : Settings.full().repeats());
        Path work = Files.createTempDirectory("velib-throughput");
        Result result = new JobThroughputHarness(work).run(settings);
        System.out.println(MarkdownReport.throughputTable(result));
    }

    public Result run(Settings settings) throws Exception {
        SimulatedSystem system = SimulatedSystem.fromStationTable();
        Workload workload = Workload.write(system, workFolder.resolve("snapshots"), settings.snapshots());
        Workload baseline = Workload.write(system, workFolder.resolve("baseline"), 1);
        try {
            List<Measurement> measurements = new ArrayList<>();
            for (int parallelism : settings.parallelisms()) {
                for (int warmup = 0; warmup < settings.warmups(); warmup++) {
                    runOnce(workload, parallelism);
                }
                List<Run> runs = new ArrayList<>();
                for (int repeat = 0; repeat < settings.repeats(); repeat++) {
                    Timing base = runOnce(baseline, parallelism);
                    Timing run = runOnce(workload, parallelism);
                    runs.add(new Run(
                            parallelism,
                            workload.records(),
                            run.statsRows(),
                            run.netRuntime(),
                            run.cpuTime(),
                            run.peakHeapBytes(),
                            baseline.records(),
                            base.netRuntime()));
                }
                measurements.add(new Measurement(parallelism, runs));
            }
            return new Result(settings, system.stations(), workload.records(), measurements);
        } finally {
            deleteRecursively(workload.folder());
            deleteRecursively(baseline.folder());
        }
    }

    /** Snapshots written for {@code --source files}, and the station statuses they hold. */
    private record Workload(Path folder, long records) {
        static Workload write(SimulatedSystem system, Path folder, int snapshots) throws IOException {
            system.writeSnapshots(folder, snapshots);
            return new Workload(folder, (long) snapshots * system.stations());
        }
    }

    private record Timing(long statsRows, Duration netRuntime, Duration cpuTime, long peakHeapBytes) {}

    private Timing runOnce(Workload workload, int parallelism) throws Exception {
        Path snapshots = workload.folder();
        Path output = Files.createTempDirectory(workFolder, "output-p" + parallelism + "-");
        try {
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
            VelibStreamJob.build(env, JobConfiguration.fromArgs(new String[] {
                "--source", "files",
                "--status", snapshots.toString(),
                "--information", SimulatedSystem.informationFile(snapshots).toString(),
                "--sink", "jsonl",
                "--output", output.toString(),
                "--checkpoint-interval", "0 s",
                "--parallelism", Integer.toString(parallelism)
            }));
            ProcessResources.resetHeapPeaks();
            long cpuBefore = ProcessResources.cpuNanos();
            JobExecutionResult result = env.execute("velib-stream throughput p" + parallelism);
            long cpuNanos = ProcessResources.cpuNanos() - cpuBefore;
            long peakHeap = ProcessResources.heapPeakBytes();
            long statsRows = lineCount(output.resolve("stats.jsonl"));
            if (statsRows == 0) {
                throw new IllegalStateException("The job wrote no statistics row: the run measured nothing");
            }
            return new Timing(
                    statsRows,
                    Duration.ofMillis(result.getNetRuntime(TimeUnit.MILLISECONDS)),
                    Duration.ofNanos(cpuNanos),
                    peakHeap);
        } finally {
            deleteRecursively(output);
        }
    }

    private static long lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
