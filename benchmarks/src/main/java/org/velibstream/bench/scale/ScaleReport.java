package org.velibstream.bench.scale;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.velibstream.bench.Summary;

/** The Markdown of the scale section: freshness, CPU and memory per system count, then the checkpoints. */
public final class ScaleReport {

    private ScaleReport() {}

    public static String table(ScaleHarness.Result result) {
        ScaleHarness.Settings settings = result.settings();
        StringBuilder md = new StringBuilder();
        md.append("K simulated GBFS systems of ")
                .append(settings.stationsPerSystem())
                .append(" stations each, served by `bin/gbfs-replay` (its own process) and polled by the job with "
                        + "`--source http` every ")
                .append(seconds(settings.interval()))
                .append(" (windows of ")
                .append(seconds(settings.window()))
                .append(", out-of-orderness ")
                .append(seconds(settings.maxOutOfOrderness()))
                .append(", checkpoints every ")
                .append(seconds(settings.checkpointInterval()))
                .append(", hashmap state backend, filesystem storage), parallelism ")
                .append(settings.parallelism())
                .append(" on a MiniCluster in the suite's JVM, results to an emission log (no Kafka); ")
                .append(settings.warmupCycles())
                .append(" warm-up cycle(s), ")
                .append(settings.measuredCycles())
                .append(" measured cycle(s), then a drain until every measured document's window was emitted.\n\n");
        md.append(
                "| systems | stations | statuses/s | freshness lag p50 / p99 / max, s | from the closing poll p50 / p99 / max, s | documents (systems) measured "
                        + "| poll sweep, s | job CPU, cores | job CPU per 1,000 stations, millicores | replay server CPU, cores "
                        + "| job peak heap / RSS, MB | server peak RSS, MB | stats rows | dead letters |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScaleHarness.Run run : result.runs()) {
            FreshnessLags lags = run.freshness();
            md.append("| ")
                    .append(format("%,d", run.systems()))
                    .append(" | ")
                    .append(format("%,d", run.stations()))
                    .append(" | ")
                    .append(format("%,.0f", run.statusesPerSecond()))
                    .append(" | ")
                    .append(format("%.1f", lags.lagSeconds(50)))
                    .append(" / ")
                    .append(format("%.1f", lags.lagSeconds(99)))
                    .append(" / ")
                    .append(format("%.1f", lags.lagSeconds(100)))
                    .append(" | ")
                    .append(format("%.1f", lags.closingLagSeconds(50)))
                    .append(" / ")
                    .append(format("%.1f", lags.closingLagSeconds(99)))
                    .append(" / ")
                    .append(format("%.1f", lags.closingLagSeconds(100)))
                    .append(" | ")
                    .append(format("%,d", lags.lagsMillis().length))
                    .append(" of ")
                    .append(format("%,d", lags.documents()))
                    .append(" (")
                    .append(lags.systemsCovered())
                    .append(')')
                    .append(" | ")
                    .append(format("%.1f", lags.medianSweepSeconds()))
                    .append(" | ")
                    .append(format("%.2f", run.jobCores()))
                    .append(" | ")
                    .append(format("%.1f", run.jobCores() * 1e6 / run.stations()))
                    .append(" | ")
                    .append(format("%.2f", run.serverCores()))
                    .append(" | ")
                    .append(format("%.0f", run.peakHeapBytes() / 1e6))
                    .append(" / ")
                    .append(format("%.0f", run.peakJobRssBytes() / 1e6))
                    .append(" | ")
                    .append(format("%.0f", run.peakServerRssBytes() / 1e6))
                    .append(" | ")
                    .append(format("%,d", run.statsRows()))
                    .append(" | ")
                    .append(format("%,d", run.deadLetters()))
                    .append(" |\n");
        }
        md.append("\nFreshness lag: from the arrival of a station_status poll at the replay server to the emission of "
                + "the last statistics row of that document's window (p50 / p99 / max over the documents first polled "
                + "in the measured cycles). From the closing poll: from the arrival of the poll of a system's first document "
                + "at or past a window's end (the document that closes the window) to the last statistics row of that "
                + "system and window, over the windows whose closing document was first polled in the measured cycles "
                + "(issue 14's measure: it leaves out the up to one window the first lag includes by definition; "
                + "negative when a row left before that poll). Poll sweep: the median time from the first to the last system's poll of one "
                + "document time. CPU: the process's CPU time over the measured cycles and the drain (Linux /proc); "
                + "the job's includes the MiniCluster and the harness. Heap: the largest heap in use seen, sampled "
                + "every second.\n\n");
        md.append("Checkpoints (those triggered after the warm-up; full state size as Flink's REST API reports it; "
                + "sync and async: the slowest subtask's):\n\n");
        md.append(
                "| systems | stations | completed (failed) | state size MB median (min–max) | end to end, s median "
                        + "(min–max) | sync, ms median (min–max) | async, ms median (min–max) |\n|---|---|---|---|---|---|---|\n");
        for (ScaleHarness.Run run : result.runs()) {
            md.append("| ")
                    .append(format("%,d", run.systems()))
                    .append(" | ")
                    .append(format("%,d", run.stations()))
                    .append(" | ")
                    .append(run.checkpoints().completed().size())
                    .append(" (")
                    .append(run.checkpoints().failed())
                    .append(')')
                    .append(" | ")
                    .append(withSpread(run.checkpointSizeMegabytes(), "%.1f"))
                    .append(" | ")
                    .append(withSpread(run.checkpointSeconds(), "%.2f"))
                    .append(" | ")
                    .append(withSpread(run.checkpointSyncMillis(), "%.0f"))
                    .append(" | ")
                    .append(withSpread(run.checkpointAsyncMillis(), "%.0f"))
                    .append(" |\n");
        }
        return md.toString();
    }

    public static String recoveryTable(RecoveryHarness.Result result) {
        RecoveryHarness.Settings settings = result.settings();
        StringBuilder md = new StringBuilder();
        md.append("A real session cluster (`bin/flink-cluster`, configured by `flink-conf/`: one JobManager, one "
                        + "TaskManager of 2 slots and ")
                .append(
                        settings.taskManagerMemory().isEmpty()
                                ? "`flink-conf/`'s own process memory"
                                : settings.taskManagerMemory() + " of process memory")
                .append(") runs the job (`bin/flink run`, `--source http --sink print`) on ")
                .append(format("%,d", settings.systems()))
                .append(" simulated systems of ")
                .append(settings.stationsPerSystem())
                .append(" stations (")
                .append(format("%,d", settings.systems() * settings.stationsPerSystem()))
                .append(" stations; last checkpoint ")
                .append(format("%.1f", result.stateSizeBytes() / 1e6))
                .append(" MB). Once steady, the TaskManager is killed with SIGKILL and a new one started at once; "
                        + "times from the kill: the job's last RESTARTING (the failure detected, when there was one restart; "
                        + "the last retry, when restarts found no slots), the last subtask DEPLOYING "
                        + "(restart delay and slots), every task RUNNING (state restored), the first statistics row "
                        + "(event time); then the restarts counted and the new TaskManager's collections until that "
                        + "row.\n\n");
        md.append("| failure | last RESTARTING, s | deployed, s | kill → job and every task RUNNING, s "
                + "| kill → first statistics row, s | restarts | new TaskManager GC, s (full collections) "
                + "| its max heap, MB |\n|---|---|---|---|---|---|---|---|\n");
        int failure = 1;
        for (RecoveryHarness.Recovery recovery : result.recoveries()) {
            RecoveryTimeline timeline = recovery.timeline();
            md.append("| ")
                    .append(failure++)
                    .append(" | ")
                    .append(format("%.1f", timeline.detected().toMillis() / 1e3))
                    .append(" | ")
                    .append(format("%.1f", timeline.deployed().toMillis() / 1e3))
                    .append(" | ")
                    .append(format("%.1f", recovery.running().toMillis() / 1e3))
                    .append(" | ")
                    .append(format("%.1f", recovery.firstRow().toMillis() / 1e3))
                    .append(" | ")
                    .append(timeline.restarts())
                    .append(" | ")
                    .append(format("%.1f", timeline.gcSeconds()) + " (" + timeline.oldCollections() + ")")
                    .append(" | ")
                    .append(timeline.heapMaxBytes() / (1 << 20))
                    .append(" |\n");
        }
        md.append("| median (min–max) | ")
                .append(medianSeconds(result, r -> r.timeline().detected()))
                .append(" | ")
                .append(medianSeconds(result, r -> r.timeline().deployed()))
                .append(" | ")
                .append(medianSeconds(result, RecoveryHarness.Recovery::running))
                .append(" | ")
                .append(medianSeconds(result, RecoveryHarness.Recovery::firstRow))
                .append(" | | | |\n");
        return md.toString();
    }

    private static String medianSeconds(
            RecoveryHarness.Result result, Function<RecoveryHarness.Recovery, Duration> time) {
        return Summary.of(result.recoveries().stream()
                        .mapToDouble(r -> time.apply(r).toMillis() / 1e3)
                        .toArray())
                .formatted("%.1f");
    }

    private static String seconds(Duration duration) {
        return format("%.0f s", duration.toMillis() / 1e3);
    }

    private static String withSpread(Summary summary, String format) {
        return summary.samples() == 0 ? "n/a" : summary.formatted(format);
    }

    private static String format(String format, Object value) {
        return String.format(Locale.ROOT, format, value);
    }
}
