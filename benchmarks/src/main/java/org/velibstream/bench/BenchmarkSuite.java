package org.velibstream.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.util.FileUtils;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;
import org.velibstream.bench.kafka.ExternalPeer;
import org.velibstream.bench.kafka.KafkaLatencyHarness;
import org.velibstream.bench.kafka.KafkaReport;
import org.velibstream.bench.kafka.KafkaThroughputHarness;
import org.velibstream.bench.kafka.RawTopicLoad;
import org.velibstream.bench.scale.RecoveryHarness;
import org.velibstream.bench.scale.ScaleHarness;

/**
 * Runs every benchmark in one go, the decoding benchmarks with JMH and then the job's end-to-end throughput, and
 * writes one Markdown report. {@code bin/benchmark} runs it; {@code --quick} runs each benchmark for a moment only,
 * so that CI proves they still run (its numbers mean nothing).
 *
 * <p>Arguments: {@code [--quick] [--output <file.md>] [--kafka-bootstrap <host:port>] [--spark-peer-jar <jar>]
 * [--scale-only | --no-scale]}; the default output is {@code benchmarks/results/<UTC date>.md}, or
 * {@code <UTC date>-scale.md} with {@code --scale-only}, which runs only the scale section ({@link ScaleHarness},
 * {@link RecoveryHarness}); {@code --no-scale} runs all but it. The Kafka path's sections run only against a broker
 * ({@code bin/benchmark} starts one); the Spark peer only when its jar is given.
 */
public final class BenchmarkSuite {

    private final boolean quick;

    public BenchmarkSuite(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String kafkaBootstrap = null;
        Path sparkPeerJar = null;
        boolean scale = true;
        boolean others = true;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--scale-only" -> others = false;
                case "--no-scale" -> scale = false;
                case "--output" -> {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--output needs a file");
                    }
                    output = Path.of(args[++i]);
                }
                case "--kafka-bootstrap" -> kafkaBootstrap = valueOf(args, ++i, "--kafka-bootstrap needs host:port");
                case "--spark-peer-jar" -> sparkPeerJar = Path.of(valueOf(args, ++i, "--spark-peer-jar needs a jar"));
                default ->
                    throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; expected [--quick] "
                            + "[--output <file.md>] [--kafka-bootstrap <host:port>] [--spark-peer-jar <jar>] "
                            + "[--scale-only | --no-scale]");
            }
        }
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (!scale && !others) {
            throw new IllegalArgumentException("--scale-only and --no-scale together leave nothing to run");
        }
        if (output == null) {
            // A scale-only run must not overwrite the day's full report.
            output = BenchmarkPaths.repositoryRoot()
                    .resolve("benchmarks")
                    .resolve("results")
                    .resolve(LocalDate.now(ZoneOffset.UTC) + (others ? "" : "-scale") + ".md");
        }
        BenchmarkSuite suite = new BenchmarkSuite(quick);
        String report = others
                ? suite.decodingAndThroughput(loadAtStart) + suite.kafkaSections(kafkaBootstrap, sparkPeerJar)
                : MarkdownReport.heading(quick, loadAtStart);
        if (scale) {
            report += suite.scale();
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Written to " + output);
    }

    private static String valueOf(String[] args, int index, String missing) {
        if (index >= args.length) {
            throw new IllegalArgumentException(missing);
        }
        return args[index];
    }

    /** The Kafka path's throughput (the job and its peers on the same topic) and latency, against a running broker. */
    public String kafkaSections(@Nullable String bootstrap, @Nullable Path sparkPeerJar) throws Exception {
        if (bootstrap == null) {
            return KafkaReport.sections(
                    null, null, "no broker given (`--kafka-bootstrap`; `bin/benchmark` starts one)");
        }
        Path work = Files.createTempDirectory("velib-kafka-bench");
        try {
            List<ExternalPeer> peers = sparkPeerJar == null
                    ? List.of()
                    : List.of(ExternalPeer.javaJar(
                            "Spark Structured Streaming",
                            sparkPeerJar,
                            BenchmarkPaths.stationsCsv(),
                            RawTopicLoad.TICK));
            KafkaThroughputHarness.Result throughput = new KafkaThroughputHarness(bootstrap, work, peers)
                    .run(quick ? KafkaThroughputHarness.Settings.quick() : KafkaThroughputHarness.Settings.full());
            KafkaLatencyHarness.Result latency = new KafkaLatencyHarness(bootstrap)
                    .run(quick ? KafkaLatencyHarness.Settings.quick() : KafkaLatencyHarness.Settings.full());
            return KafkaReport.sections(throughput, latency, "");
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
    }

    private String decodingAndThroughput(double loadAtStart) throws Exception {
        DecodingInput input = DecodingInput.load();
        List<DecodingResult> decoding = decoding(input);
        Path work = Files.createTempDirectory("velib-throughput");
        JobThroughputHarness.Result throughput = new JobThroughputHarness(work).run(throughputSettings());
        Files.deleteIfExists(work);
        return MarkdownReport.full(input, decoding, throughput, quick, loadAtStart);
    }

    /**
     * The scale section, its servers' files kept in {@code benchmarks/target/scale/}; outside quick mode, the
     * recovery after a TaskManager failure too (a real cluster is too slow to start for CI).
     */
    private String scale() throws Exception {
        Path work = Files.createDirectories(BenchmarkPaths.repositoryRoot().resolve("benchmarks/target/scale"));
        ScaleHarness.Result result = new ScaleHarness(Files.createTempDirectory(work, "run-")).run(scaleSettings());
        if (quick) {
            return MarkdownReport.scaleSection(result, null);
        }
        RecoveryHarness.Result recovery;
        try {
            recovery = new RecoveryHarness(Files.createTempDirectory(work, "recovery-"))
                    .run(RecoveryHarness.Settings.full());
        } catch (IllegalStateException notRecovered) {
            // A recovery that does not complete in time is a finding to report, not a reason to lose the other
            // sections.
            return MarkdownReport.scaleSection(result, null)
                    + MarkdownReport.recoveryNotMeasured(notRecovered.getMessage());
        }
        return MarkdownReport.scaleSection(result, recovery);
    }

    public ScaleHarness.Settings scaleSettings() {
        return quick ? ScaleHarness.Settings.quick() : ScaleHarness.Settings.full();
    }

    public JobThroughputHarness.Settings throughputSettings() {
        return quick ? new JobThroughputHarness.Settings(3, List.of(1), 0, 1) : JobThroughputHarness.Settings.full();
    }

    /** Runs {@link DecodingBenchmark} with JMH: as annotated, or in quick mode one 100 ms iteration in this JVM. */
    public List<DecodingResult> decoding(DecodingInput input) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(DecodingBenchmark.class.getName() + "\\.")
                .shouldFailOnError(true);
        if (quick) {
            options.forks(0)
                    .warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100))
                    .verbosity(VerboseMode.SILENT);
        }
        Collection<RunResult> runs = new Runner(options.build()).run();
        List<DecodingResult> results = new ArrayList<>();
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            boolean information = name.contains("Information");
            results.add(new DecodingResult(
                    name,
                    summary(run.getPrimaryResult().getStatistics()),
                    information ? input.stationInformation().length : input.stationStatus().length,
                    information ? input.informationStations() : input.statusStations()));
        }
        results.sort(Comparator.comparing(DecodingResult::benchmark));
        return results;
    }

    private static Summary summary(Statistics jmh) {
        return new Summary(jmh.getPercentile(50), jmh.getMin(), jmh.getMax(), (int) jmh.getN());
    }
}
