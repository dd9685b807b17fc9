package org.velibstream.bench.kafka;

import java.util.Locale;
import javax.annotation.Nullable;
import org.velibstream.bench.Summary;

/** The report's sections on the Kafka path: engines side by side on the same topic, and the job's latency. */
public final class KafkaReport {

    private KafkaReport() {}

    /** Both sections, or why they were not run. */
    public static String sections(
            @Nullable KafkaThroughputHarness.Result throughput,
            @Nullable KafkaLatencyHarness.Result latency,
            String notRunReason) {
        StringBuilder md = new StringBuilder(
                "\n## The Kafka path: velib-stream, Kafka Streams and the floor on the same records\n\n");
        if (throughput == null) {
            return md.append("Not run: ").append(notRunReason).append("\n").toString();
        }
        md.append(throughputTable(throughput)).append('\n');
        md.append("## Latency on the Kafka path at a fixed rate\n\n");
        md.append(latency != null ? latencyTable(latency) : "Not run: " + notRunReason + "\n");
        return md.toString();
    }

    public static String throughputTable(KafkaThroughputHarness.Result result) {
        KafkaThroughputHarness.Settings settings = result.settings();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d", result.records()))
                .append(" records (")
                .append(settings.ticks())
                .append(" simulated minutes of ")
                .append(result.stations())
                .append(" stations, one Vélib' entry per record, the job's raw format) pre-loaded into one topic of "
                        + "2 partitions on a local broker; each engine reads them all from the beginning, ")
                .append(settings.warmups())
                .append(" warm-up run(s) and ")
                .append(settings.repeats())
                .append(" measured run(s) each, in this JVM.")
                .append(
                        settings.jobOptions().isEmpty()
                                ? ""
                                : " The job with " + String.join(" ", settings.jobOptions()) + ".")
                .append("\n\n");
        md.append("| engine | parallelism | records/s median (min–max) | spread | ratio to velib-stream p1 "
                + "| process CPU, cores busy | peak heap MB |\n|---|---|---|---|---|---|---|\n");
        double job = result.job(1)
                .map(measurement -> measurement.recordsPerSecond().median())
                .orElse(Double.NaN);
        for (EngineMeasurement measurement : result.measurements()) {
            Summary rate = measurement.recordsPerSecond();
            boolean resourcesMeasured = measurement.runs().get(0).peakHeapBytes() > 0;
            boolean cpuMeasured = !measurement.runs().get(0).cpuTime().isZero();
            md.append("| ")
                    .append(measurement.engine())
                    .append(" | ")
                    .append(measurement.parallelism())
                    .append(" | ")
                    .append(rate.formatted("%,.0f"))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f %%", rate.relativeSpread() * 100))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f×", rate.median() / job))
                    .append(" | ")
                    .append(cpuMeasured ? measurement.coresUsed().formatted("%.2f") : "n/a")
                    .append(" | ")
                    .append(resourcesMeasured ? measurement.peakHeapMegabytes().formatted("%.0f") : "n/a")
                    .append(" |\n");
        }
        md.append("\nvelib-stream: the production job (`--source kafka --sink kafka`, exactly once, checkpoints every "
                + "30 s) on a MiniCluster with one slot per parallel task, timed from its first statistics row to the "
                + "last window's row as a read_uncommitted reader sees them, credited with the records minus the two "
                + "ticks read before the first row: start-up and the final checkpoint stay out. Kafka Streams: the same "
                + "aggregation (`KafkaStreamsPeer`, exactly_once_v2, one stream thread per parallelism), timed from the "
                + "first to the last record aggregated. Floor: one thread decoding and aggregating the same record "
                + "bytes, read into memory first. Ratio: records/s over velib-stream's at parallelism 1. CPU: this "
                + "process's CPU time over the timed span (the broker, a separate process, not included); heap: the sum "
                + "of the heap pools' peaks over the run, in the suite's JVM.\n");
        return md.toString();
    }

    public static String latencyTable(KafkaLatencyHarness.Result result) {
        KafkaLatencyHarness.Settings settings = result.settings();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,.0f", settings.recordsPerSecond()))
                .append(" records/s for ")
                .append(settings.duration().toSeconds())
                .append(" s (")
                .append(String.format(Locale.ROOT, "%,d", result.records()))
                .append(" records, one simulated minute of ")
                .append(result.stations())
                .append(" stations every ")
                .append(String.format(Locale.ROOT, "%.2f", result.stations() / settings.recordsPerSecond()))
                .append(" s), the job at parallelism ")
                .append(settings.parallelism())
                .append(
                        settings.jobOptions().isEmpty()
                                ? " with its production settings"
                                : " with its production settings but " + String.join(" ", settings.jobOptions()))
                .append("; the first ")
                .append(settings.warmup().toSeconds())
                .append(" s of records left out.\n\n");
        md.append(
                "| from → to | reader | samples | p50 ms | p99 ms | p99.9 ms | max ms |\n|---|---|---|---|---|---|---|\n");
        row(md, "record → its alert", "read_uncommitted", result.alertUncommitted());
        row(md, "record → its alert", "read_committed", result.alertCommitted());
        row(md, "window end → statistics row", "read_uncommitted", result.windowUncommitted());
        row(md, "window end → statistics row", "read_committed", result.windowCommitted());
        md.append("\nRecord → alert: from the record's send to the alert it raised (the alert's `detectedAt` is that "
                + "record's time), which the job emits once the watermark passes the record (30 s of event time "
                + "later). Window end → row: from the send of the first record that lets the watermark pass the "
                + "window's end. read_committed sees output when the checkpoint after it completes (every 30 s), so "
                + "its latency is about half the interval plus the checkpoint; read_uncommitted shows the processing "
                + "itself. Times are seen by readers polling every few milliseconds in this JVM.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String what, String reader, Percentiles percentiles) {
        md.append("| ")
                .append(what)
                .append(" | ")
                .append(reader)
                .append(" | ")
                .append(percentiles.count())
                .append(" | ")
                .append(String.format(
                        Locale.ROOT,
                        "%.0f | %.0f | %.0f | %.0f",
                        percentiles.p50(),
                        percentiles.p99(),
                        percentiles.p999(),
                        percentiles.max()))
                .append(" |\n");
    }
}
