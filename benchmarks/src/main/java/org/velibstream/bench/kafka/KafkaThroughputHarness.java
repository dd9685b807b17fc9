package org.velibstream.bench.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.velibstream.bench.ProcessResources;
import org.velibstream.bench.SimulatedSystem;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.sink.json.JsonCodec;

/**
 * Throughput of velib-stream and its peers on the same records of the same raw topic: the load is written once
 * ({@link RawTopicLoadGenerator#preload}), then each engine drains it from the beginning, {@code warmups} unmeasured
 * times and {@code repeats} measured times per parallelism.
 *
 * <ul>
 *   <li>The job ({@link KafkaJob}, bounded at the topic's end, exactly-once to Kafka): from its first statistics row
 *       to the last window's row, both as soon as visible to a {@code read_uncommitted} reader. The first row needs
 *       the watermark past the first window, so about two ticks are read before it: the run is credited with the
 *       load minus two ticks of records. Start-up, and the wait for the final checkpoint, stay out.
 *   <li>{@link KafkaStreamsPeer}: from the first to the last record aggregated.
 *   <li>{@link RecordFloor}: its loop over the record bytes, read from the topic into memory beforehand.
 *   <li>An external peer ({@link ExternalPeer}, the Spark peer) when its command is given: as it reports itself.
 * </ul>
 */
public final class KafkaThroughputHarness {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final int RAW_PARTITIONS = 2;

    /**
     * @param ticks minutes of simulation pre-loaded (about 1,500 records each)
     * @param jobOptions options of the job beyond its production defaults ({@code --name value} pairs, e.g.
     *     {@code --checkpoint-interval 5s}); empty for the production settings
     */
    public record Settings(int ticks, List<Integer> parallelisms, int warmups, int repeats, List<String> jobOptions) {
        public Settings {
            if (ticks < 4 || warmups < 0 || repeats < 1 || parallelisms.isEmpty()) {
                throw new IllegalArgumentException("need ticks >= 4, warmups >= 0, repeats >= 1 and a parallelism, got "
                        + ticks + ", " + warmups + ", " + repeats + ", " + parallelisms);
            }
            parallelisms = List.copyOf(parallelisms);
            jobOptions = List.copyOf(jobOptions);
        }

        /** With the job's production settings. */
        public Settings(int ticks, List<Integer> parallelisms, int warmups, int repeats) {
            this(ticks, parallelisms, warmups, repeats, List.of());
        }

        /** What {@code bin/benchmark} runs: 200 ticks (297,000 records), parallelism 1 and 2, 1 warm-up, 3 runs. */
        public static Settings full() {
            return new Settings(200, List.of(1, 2), 1, 3);
        }

        /** The quick mode: every path once over a few ticks. */
        public static Settings quick() {
            return new Settings(6, List.of(1), 0, 1);
        }
    }

    /** What was measured, and on what. */
    public record Result(
            Settings settings, String rawTopic, int stations, long records, List<EngineMeasurement> measurements) {

        public Optional<EngineMeasurement> job(int parallelism) {
            return measurements.stream()
                    .filter(measurement -> measurement.engine().equals(JOB) && measurement.parallelism() == parallelism)
                    .findFirst();
        }
    }

    public static final String JOB = "velib-stream (Flink)";
    public static final String KAFKA_STREAMS = "Kafka Streams";
    public static final String FLOOR = "plain Java loop (floor)";

    private final String bootstrap;
    private final Path workFolder;
    private final List<ExternalPeer> externalPeers;
    private final ObjectMapper json = JsonCodec.newMapper();

    /**
     * @param workFolder where Kafka Streams keeps its state
     * @param externalPeers peers run as their own processes, each on the same topic
     */
    public KafkaThroughputHarness(String bootstrap, Path workFolder, List<ExternalPeer> externalPeers) {
        this.bootstrap = bootstrap;
        this.workFolder = workFolder;
        this.externalPeers = List.copyOf(externalPeers);
    }

    /**
     * Arguments: {@code <bootstrap> [ticks [repeats [parallelisms]]] [--job-option value ...]}, parallelisms separated
     * by commas (default 1,2), e.g. {@code 1} and {@code --checkpoint-interval 5s}; prints the report's table.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: KafkaThroughputHarness <bootstrap> [ticks [repeats "
                    + "[parallelisms]]] [--job-option value ...]");
        }
        int positional = 0;
        while (positional < args.length && !args[positional].startsWith("--")) {
            positional++;
        }
        Settings full = Settings.full();
        Settings settings = new Settings(
                positional > 1 ? Integer.parseInt(args[1]) : full.ticks(),
                positional > 3
                        ? Arrays.stream(args[3].split(","))
                                .map(Integer::valueOf)
                                .toList()
                        : full.parallelisms(),
                full.warmups(),
                positional > 2 ? Integer.parseInt(args[2]) : full.repeats(),
                List.of(args).subList(positional, args.length));
        Path work = Files.createTempDirectory("velib-kafka-bench");
        Result result = new KafkaThroughputHarness(args[0], work, List.of()).run(settings);
        System.out.println(KafkaReport.throughputTable(result));
    }

    public Result run(Settings settings) throws Exception {
        RawTopicLoad load = RawTopicLoad.simulateInThePast(settings.ticks());
        String rawTopic = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        try (RawTopicLoadGenerator generator = new RawTopicLoadGenerator(bootstrap)) {
            generator.createTopic(rawTopic, RAW_PARTITIONS);
            generator.preload(rawTopic, load);
        }
        PostalCodeIndex postalCodes = new PostalCodeIndex(SimulatedSystem.stationRows());
        List<EngineMeasurement> measurements = new ArrayList<>();
        measurements.add(floor(settings, rawTopic, postalCodes, load.size()));
        for (int parallelism : settings.parallelisms()) {
            measurements.add(
                    repeat(settings, JOB, parallelism, () -> job(rawTopic, load, parallelism, settings.jobOptions())));
        }
        KafkaStreamsPeer streams = new KafkaStreamsPeer(postalCodes);
        for (int threads : settings.parallelisms()) {
            measurements.add(repeat(settings, KAFKA_STREAMS, threads, () -> streams.run(
                            streamsSettings(rawTopic, load, threads), load.size(), RUN_TIMEOUT)
                    .run()));
        }
        for (ExternalPeer peer : externalPeers) {
            measurements.add(repeat(settings, peer.name(), 1, () -> peer.run(bootstrap, rawTopic, load.size())
                    .run()));
        }
        return new Result(settings, rawTopic, load.stations(), load.size(), measurements);
    }

    /** The peer on {@code rawTopic}, with a grace as long as the whole load (see {@link KafkaStreamsPeer}). */
    public KafkaStreamsPeer.Settings streamsSettings(String rawTopic, RawTopicLoad load, int threads)
            throws IOException {
        return new KafkaStreamsPeer.Settings(
                bootstrap,
                rawTopic,
                "bench-streams-out-" + UUID.randomUUID().toString().substring(0, 8),
                RawTopicLoad.TICK,
                RawTopicLoad.TICK.multipliedBy(load.ticks()),
                threads,
                Files.createDirectories(workFolder.resolve("kafka-streams")));
    }

    private interface MeasuredRun {
        EngineRun run() throws Exception;
    }

    private static EngineMeasurement repeat(Settings settings, String engine, int parallelism, MeasuredRun run)
            throws Exception {
        for (int warmup = 0; warmup < settings.warmups(); warmup++) {
            run.run();
        }
        List<EngineRun> runs = new ArrayList<>();
        for (int repeat = 0; repeat < settings.repeats(); repeat++) {
            runs.add(run.run());
        }
        return new EngineMeasurement(engine, parallelism, runs);
    }

    private EngineMeasurement floor(Settings settings, String rawTopic, PostalCodeIndex postalCodes, long expected)
            throws Exception {
        List<RawRecord> records;
        try (TopicReader reader = new TopicReader(bootstrap, true).from(rawTopic)) {
            records = reader.readToEnd(RUN_TIMEOUT);
        }
        if (records.size() != expected) {
            throw new IllegalStateException(
                    "Read " + records.size() + " records of " + rawTopic + ", wrote " + expected);
        }
        RecordFloor floor = new RecordFloor(postalCodes, RawTopicLoad.TICK);
        // The floor's loop is short: more repeats than the engines get, for a stable median.
        return repeat(settings, FLOOR, 1, () -> {
            long cpuBefore = ProcessResources.cpuNanos();
            long start = System.nanoTime();
            RecordFloor.Result result = floor.aggregate(records);
            long elapsed = System.nanoTime() - start;
            if (result.unreadable() > 0 || result.sums().isEmpty()) {
                throw new IllegalStateException("The floor could not read " + result.unreadable() + " records");
            }
            return new EngineRun(
                    records.size(),
                    Duration.ofNanos(elapsed),
                    Duration.ofNanos(ProcessResources.cpuNanos() - cpuBefore),
                    0);
        });
    }

    /** One run of the job: from its first statistics row to the last window's, as a read_uncommitted reader sees them. */
    private EngineRun job(String rawTopic, RawTopicLoad load, int parallelism, List<String> jobOptions)
            throws Exception {
        KafkaJob job = KafkaJob.of(bootstrap, rawTopic, parallelism, true, jobOptions);
        ProcessResources.resetHeapPeaks();
        JobClient client = job.start();
        try (TopicReader stats = new TopicReader(bootstrap, false).from(job.statsTopic())) {
            long firstRowAt = 0;
            long cpuAtFirstRow = 0;
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            boolean ended = false;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : stats.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    if (firstRowAt == 0) {
                        firstRowAt = now;
                        cpuAtFirstRow = ProcessResources.cpuNanos();
                    }
                    AreaStats row = json.readValue(record.value(), AreaStats.class);
                    if (row.windowStart().equals(load.lastWindowStart())) {
                        return new EngineRun(
                                load.size() - 2L * load.stations(),
                                Duration.ofNanos(now - firstRowAt),
                                Duration.ofNanos(ProcessResources.cpuNanos() - cpuAtFirstRow),
                                ProcessResources.heapPeakBytes());
                    }
                }
                if (ended) {
                    throw new IllegalStateException("The job ended before writing the last window's row");
                }
                // After the end, one more poll: it reads the last rows the job wrote before it ended.
                ended = KafkaJob.hasEnded(client);
            }
            throw new IllegalStateException("The job wrote no row of the last window within " + RUN_TIMEOUT);
        } finally {
            KafkaJob.stop(client);
        }
    }
}
