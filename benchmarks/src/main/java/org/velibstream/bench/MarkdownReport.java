package org.velibstream.bench;

import com.fasterxml.jackson.core.json.PackageVersion;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.openjdk.jmh.util.Version;
import org.velibstream.bench.scale.RecoveryHarness;
import org.velibstream.bench.scale.ScaleHarness;
import org.velibstream.bench.scale.ScaleReport;

/** The Markdown the suite writes to {@code benchmarks/results/<date>.md}: machine, versions, command, tables. */
public final class MarkdownReport {

    /** Set by {@code bin/benchmark}: how the run was started, and at which commit. */
    public static final String COMMAND_PROPERTY = "velib.bench.command";

    public static final String COMMIT_PROPERTY = "velib.bench.commit";

    private MarkdownReport() {}

    /** @param loadAtStart the system load average when the suite started */
    public static String full(
            DecodingInput input,
            List<DecodingResult> decoding,
            JobThroughputHarness.Result throughput,
            boolean quick,
            double loadAtStart) {
        StringBuilder md = new StringBuilder(heading(quick, loadAtStart));
        md.append("## Decoding, one thread (JMH)\n\n");
        md.append("Input: ")
                .append(input.description())
                .append(": station_status ")
                .append(input.stationStatus().length)
                .append(" bytes, ")
                .append(input.statusStations())
                .append(" stations; station_information ")
                .append(input.stationInformation().length)
                .append(" bytes, ")
                .append(input.informationStations())
                .append(" stations.\n\n");
        md.append(decodingTable(decoding)).append('\n');
        md.append("## The job end to end (MiniCluster, bounded `--source files`)\n\n");
        md.append(throughputTable(throughput));
        return md.toString();
    }

    /** The title, the quick-mode warning and the environment. */
    static String heading(boolean quick, double loadAtStart) {
        StringBuilder md = new StringBuilder();
        md.append("# velib-stream benchmarks, ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("\n\n");
        if (quick) {
            md.append(
                    "**Quick mode: one 100 ms iteration per benchmark and a tiny job run. These numbers only show that "
                            + "the benchmarks run; do not compare them.**\n\n");
        }
        return md.append(environment(loadAtStart)).append('\n').toString();
    }

    /** The scale section: many GBFS systems polled over HTTP, the checkpoints, and the recovery if measured. */
    static String scaleSection(ScaleHarness.Result result, @Nullable RecoveryHarness.Result recovery) {
        return "\n## Scale: K GBFS systems over HTTP (MiniCluster, `--source http`)\n\n" + ScaleReport.table(result)
                + (recovery == null
                        ? ""
                        : "\n## Recovery after a TaskManager failure (session cluster)\n\n"
                                + ScaleReport.recoveryTable(recovery));
    }

    /** The recovery section when the recovery harness gave up, with its reason. */
    static String recoveryNotMeasured(String reason) {
        return "\n## Recovery after a TaskManager failure (session cluster)\n\nNot measured to the end: " + reason
                + "\n";
    }

    static String environment(double loadAtStart) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String commit = System.getProperty(COMMIT_PROPERTY, "unknown");
        String command = System.getProperty(COMMAND_PROPERTY, BenchmarkSuite.class.getName());
        return "| | |\n|---|---|\n"
                + "| machine | " + Runtime.getRuntime().availableProcessors() + " cores (nproc), "
                + String.format(Locale.ROOT, "%.1f GB", os.getTotalMemorySize() / 1e9) + " memory, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", load average " + String.format(Locale.ROOT, "%.1f", loadAtStart)
                + " at the start and " + String.format(Locale.ROOT, "%.1f", os.getSystemLoadAverage())
                + " at the end (other builds share the machine: the spread shows it) |\n"
                + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", suite JVM max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB |\n"
                + "| versions | Flink " + EnvironmentInformation.getVersion() + ", Jackson " + PackageVersion.VERSION
                + ", JMH " + Version.getPlainVersion()
                + ", velib-stream commit " + commit + " |\n"
                + "| command | `" + command + "` |\n";
    }

    static String decodingTable(List<DecodingResult> results) {
        StringBuilder md = new StringBuilder(
                "| benchmark | documents/s median (min–max) | MB/s per core | stations/s per core | ratio to floor |\n"
                        + "|---|---|---|---|---|\n");
        DecodingResult floor = results.stream()
                .filter(r -> r.benchmark().startsWith("floor"))
                .findFirst()
                .orElse(null);
        for (DecodingResult result : results) {
            md.append("| `")
                    .append(result.benchmark())
                    .append("` | ")
                    .append(result.documentsPerSecond().formatted("%.1f"))
                    .append(" | ")
                    .append(result.megabytesPerSecond().formatted("%.1f"))
                    .append(" | ")
                    .append(result.stationsPerSecond().formatted("%,.0f"))
                    .append(" | ")
                    .append(ratioToFloor(result, floor))
                    .append(" |\n");
        }
        md.append("\nRatio to floor: how many times longer the same station_status document takes than in the floor "
                        + "(`floorPostalCodeSums`, one plain Jackson pass summing per postal code); station_information is "
                        + "another document, with no floor of its own. Medians and min–max over ")
                .append(
                        results.isEmpty()
                                ? 0
                                : results.get(0).documentsPerSecond().samples())
                .append(" measurement iterations.\n");
        return md.toString();
    }

    static String throughputTable(JobThroughputHarness.Result result) {
        JobThroughputHarness.Settings settings = result.settings();
        StringBuilder md = new StringBuilder();
        md.append(settings.snapshots())
                .append(" simulated station_status snapshots of ")
                .append(result.stations())
                .append(" stations (")
                .append(String.format(Locale.ROOT, "%,d", result.recordsPerRun()))
                .append(" station statuses per run), ")
                .append(settings.warmups())
                .append(" warm-up run(s) and ")
                .append(settings.repeats())
                .append(" measured run(s) per parallelism, each on a fresh MiniCluster "
                        + "with one slot per parallel task, checkpointing off, results to JSON-lines files.\n\n");
        md.append("| parallelism (slots) | sustained statuses/s median (min–max) | spread | whole run statuses/s "
                + "| one-snapshot run, s | process CPU, cores busy | peak heap MB |\n|---|---|---|---|---|---|---|\n");
        for (JobThroughputHarness.Measurement measurement : result.measurements()) {
            Summary sustained = measurement.sustainedRecordsPerSecond();
            md.append("| ")
                    .append(measurement.parallelism())
                    .append(" | ")
                    .append(sustained.formatted("%,.0f"))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f %%", sustained.relativeSpread() * 100))
                    .append(" | ")
                    .append(measurement.recordsPerSecond().formatted("%,.0f"))
                    .append(" | ")
                    .append(measurement.baselineSeconds().formatted("%.2f"))
                    .append(" | ")
                    .append(measurement.coresUsed().formatted("%.2f"))
                    .append(" | ")
                    .append(measurement.peakHeapMegabytes().formatted("%.0f"))
                    .append(" |\n");
        }
        md.append("\nTimes are the job's net runtime as Flink reports it (task deployment and the end of input "
                + "included, MiniCluster start-up not). Sustained: (statuses of the run − statuses of a one-snapshot "
                + "run) / (their difference in time), which takes the job's fixed cost out. Spread: (max − min) / "
                + "median. CPU and peak heap (the sum of the heap pools' peaks) are of the whole process, over the "
                + "long run.\n");
        return md.toString();
    }

    private static String ratioToFloor(DecodingResult result, @Nullable DecodingResult floor) {
        if (floor == null || result.documentBytes() != floor.documentBytes()) {
            return "n/a";
        }
        return String.format(
                Locale.ROOT,
                "%.2f×",
                floor.documentsPerSecond().median()
                        / result.documentsPerSecond().median());
    }
}
