package org.velibstream.bench.scale;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * The measurement of one {@link ScaleHarness} run, once its job is submitted: waits for the job's first
 * station_status poll, lets the warm-up cycles pass, then over the measured cycles and the drain samples the peaks of
 * memory every second and the CPU of the job and of the server, failing if the job leaves RUNNING; at the end reads
 * Flink's checkpoint statistics, cancels the job, and reads the server's request log and the job's emission logs
 * back into a {@link ScaleHarness.Run}.
 */
final class ScaleRunMeasurement {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    private static final Duration JOB_START_TIMEOUT = Duration.ofMinutes(3);

    private final ScaleHarness.Settings settings;
    private final int systems;
    private final MiniCluster cluster;
    private final JobID job;
    private final long serverPid;

    /** @param serverPid the replay server's process, measured apart from this JVM (the job's) */
    ScaleRunMeasurement(ScaleHarness.Settings settings, int systems, MiniCluster cluster, JobID job, long serverPid) {
        this.settings = settings;
        this.systems = systems;
        this.cluster = cluster;
        this.job = job;
        this.serverPid = serverPid;
    }

    /**
     * Measures the run, then cancels the job.
     *
     * @param requestLog the replay server's log of the requests it served
     * @param emissions the folder of the job's emission logs ({@link EmissionLogSink})
     */
    ScaleHarness.Run measure(Path requestLog, Path emissions) throws Exception {
        // The cycles count from the job's first status poll: deployment takes a while on a loaded machine.
        long started = awaitFirstPoll(requestLog);
        long measureFrom = started + settings.interval().toMillis() * settings.warmupCycles();
        long measureUntil = measureFrom + settings.interval().toMillis() * settings.measuredCycles();
        long end = measureUntil + settings.drain().toMillis();
        Sampler sampler = new Sampler(serverPid);
        sampleUntil(sampler, measureFrom);
        ProcessUsage jobAtStart = ProcessUsage.ofThisProcess();
        ProcessUsage serverAtStart = ProcessUsage.of(serverPid);
        sampleUntil(sampler, end);
        long elapsed = System.currentTimeMillis() - measureFrom;
        double jobCores = ProcessUsage.ofThisProcess().coresBusySince(jobAtStart, elapsed);
        double serverCores = ProcessUsage.of(serverPid).coresBusySince(serverAtStart, elapsed);
        URI rest = cluster.getRestAddress().get();
        CheckpointStatistics checkpoints = CheckpointStatistics.fetch(rest, job.toHexString(), measureFrom);
        cluster.cancelJob(job).get();

        List<StatusPoll> polls = StatusPoll.readRequestLog(requestLog);
        List<EmissionLogSink.Emission> statsRows = EmissionLogSink.read(emissions, ScaleHarness.STATS_LOG);
        FreshnessLags freshness =
                FreshnessLags.of(polls, emissionsByWindow(statsRows), settings.window(), measureFrom, measureUntil);
        long documents = polls.stream()
                .filter(poll -> poll.arrivalEpochMillis() >= measureFrom && poll.arrivalEpochMillis() < measureUntil)
                .count();
        return new ScaleHarness.Run(
                systems,
                systems * settings.stationsPerSystem(),
                documents,
                Duration.ofMillis(measureUntil - measureFrom),
                freshness,
                jobCores,
                serverCores,
                sampler.peakHeap,
                sampler.peakJobRss,
                sampler.peakServerRss,
                statsRows.size(),
                EmissionLogSink.read(emissions, ScaleHarness.ALERTS_LOG).size(),
                EmissionLogSink.read(emissions, ScaleHarness.DEAD_LETTERS_LOG).size(),
                checkpoints);
    }

    /** Waits for the first station_status the job polls, and returns when it reached the server. */
    private long awaitFirstPoll(Path requestLog) throws Exception {
        long deadline = System.nanoTime() + JOB_START_TIMEOUT.toNanos();
        while (true) {
            List<StatusPoll> polls = StatusPoll.readRequestLog(requestLog);
            if (!polls.isEmpty()) {
                return polls.stream()
                        .mapToLong(StatusPoll::arrivalEpochMillis)
                        .min()
                        .orElseThrow();
            }
            JobStatus status = cluster.getJobStatus(job).get();
            if (status.isTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "The job polled no station_status within " + JOB_START_TIMEOUT + "; it is " + status);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private void sampleUntil(Sampler sampler, long untilMillis) throws Exception {
        while (System.currentTimeMillis() < untilMillis) {
            JobStatus status = cluster.getJobStatus(job).get();
            if (status != JobStatus.RUNNING) {
                throw new IllegalStateException("The job left RUNNING during the measurement: " + status);
            }
            sampler.sample();
            TimeUnit.MILLISECONDS.sleep(
                    Math.min(SAMPLE_EVERY.toMillis(), Math.max(untilMillis - System.currentTimeMillis(), 1)));
        }
    }

    /** The emission times of the statistics rows by system and window, parsed from the lines
     * {@code ScaleHarness.describe} writes. */
    private static Map<FreshnessLags.SystemWindow, List<Long>> emissionsByWindow(List<EmissionLogSink.Emission> rows) {
        Map<FreshnessLags.SystemWindow, List<Long>> byWindow = new HashMap<>();
        for (EmissionLogSink.Emission row : rows) {
            String[] fields = row.description().split(" ");
            FreshnessLags.SystemWindow window =
                    new FreshnessLags.SystemWindow(ScaleRunArguments.systemIndex(fields[1]), Long.parseLong(fields[0]));
            byWindow.computeIfAbsent(window, key -> new ArrayList<>()).add(row.epochMillis());
        }
        return byWindow;
    }

    /** The peaks of heap and resident memory, sampled. */
    private static final class Sampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final long serverPid;
        private long peakHeap;
        private long peakJobRss;
        private long peakServerRss;

        Sampler(long serverPid) {
            this.serverPid = serverPid;
        }

        void sample() {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            peakJobRss = Math.max(peakJobRss, ProcessUsage.ofThisProcess().residentBytes());
            peakServerRss = Math.max(peakServerRss, ProcessUsage.of(serverPid).residentBytes());
        }
    }
}
