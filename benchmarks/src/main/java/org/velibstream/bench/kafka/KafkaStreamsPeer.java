package org.velibstream.bench.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.velibstream.bench.ProcessResources;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.StationStatusDecoder;
import org.velibstream.sink.json.JsonCodec;

/**
 * The Kafka Streams peer: the job's per-postal-code aggregation in Kafka Streams, on the same raw topic. Each record
 * is decoded with the project's {@link StationStatusDecoder} (as the job decodes it, so that the comparison is of the
 * engines), re-keyed by postal code (Kafka Streams repartitions through the broker), and aggregated in tumbling
 * event-time windows, exactly once ({@code exactly_once_v2}): the latest reading of each station per window, summed.
 *
 * <p>The output is Kafka Streams' own: a changelog of each window's sums, updated as the cache flushes; the last
 * record per (window, postal code) is the result. Kafka Streams keeps stream time per task, not per input partition
 * as Flink's watermarks do: draining a pre-loaded topic, one partition's records run minutes of event time ahead of
 * another's, and with the job's 30 s the peer drops the other's as late. So its grace covers the whole load, and a
 * run that drops any record fails rather than reporting sums over less.
 */
public final class KafkaStreamsPeer {

    /**
     * @param grace how late a record may be, in event time, behind the latest its task has seen
     * @param threads stream threads, the peer's parallelism
     * @param stateFolder where Kafka Streams keeps its local state; the run's own folder is made inside it
     */
    public record Settings(
            String bootstrap,
            String rawTopic,
            String outputTopic,
            Duration window,
            Duration grace,
            int threads,
            Path stateFolder) {}

    /**
     * @param run the time from the first to the last record aggregated, with the process's CPU and heap over it
     * @param undecodable records the decoder rejected: counted, not aggregated
     */
    public record Result(EngineRun run, long undecodable) {}

    private final PostalCodeIndex postalCodes;

    public KafkaStreamsPeer(PostalCodeIndex postalCodes) {
        this.postalCodes = postalCodes;
    }

    /** The records aggregated (or rejected) so far, and when the first and the latest were. */
    static final class Progress {
        private final AtomicLong aggregated = new AtomicLong();
        private final AtomicLong undecodable = new AtomicLong();
        private final AtomicLong firstNanos = new AtomicLong();
        private final AtomicLong lastNanos = new AtomicLong();

        void aggregatedOne() {
            long now = System.nanoTime();
            firstNanos.compareAndSet(0, now);
            lastNanos.set(now);
            aggregated.incrementAndGet();
        }

        void undecodableOne() {
            undecodable.incrementAndGet();
        }

        long seen() {
            return aggregated.get() + undecodable.get();
        }
    }

    public Topology topology(Settings settings, Progress progress) {
        ObjectMapper json = JsonCodec.newMapper();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(settings.rawTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new DecodeReadings(postalCodes, progress))
                .groupByKey(Grouped.with("readings-by-postal-code", Serdes.String(), ReadingsSerde.reading()))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.window(), settings.grace()))
                .aggregate(
                        LatestReadings::new,
                        (postalCode, reading, latest) -> {
                            progress.aggregatedOne();
                            return latest.add(reading);
                        },
                        Materialized.with(Serdes.String(), ReadingsSerde.latest()))
                .toStream()
                .map((window, latest) -> KeyValue.pair(
                        window.key(),
                        toJson(
                                json,
                                latest.sums(Instant.ofEpochMilli(window.window().start()), window.key()))))
                .to(settings.outputTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    /**
     * Runs the peer until it has aggregated {@code expectedRecords} records of the raw topic (or rejected them), then
     * closes it.
     */
    public Result run(Settings settings, long expectedRecords, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", settings.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(settings.outputTopic(), 1, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        Progress progress = new Progress();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        String applicationId = "velib-bench-streams-" + System.nanoTime();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateFolder().toString());
        ProcessResources.resetHeapPeaks();
        long cpuAtFirst = 0;
        long firstSeenAt = 0;
        try (KafkaStreams streams = new KafkaStreams(topology(settings, progress), config)) {
            streams.setUncaughtExceptionHandler(exception -> {
                failure.compareAndSet(null, exception);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (progress.seen() < expectedRecords) {
                if (failure.get() != null) {
                    throw new IllegalStateException("The Kafka Streams peer failed", failure.get());
                }
                double dropped = droppedRecords(streams);
                if (dropped > 0) {
                    throw new IllegalStateException("The Kafka Streams peer dropped " + dropped + " records as late: "
                            + "its grace (" + settings.grace() + ") is shorter than the disorder of its input");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The Kafka Streams peer saw " + progress.seen() + " of "
                            + expectedRecords + " records within " + timeout);
                }
                if (firstSeenAt == 0 && progress.firstNanos.get() != 0) {
                    firstSeenAt = progress.firstNanos.get();
                    cpuAtFirst = ProcessResources.cpuNanos();
                }
                Thread.sleep(20);
            }
            long cpu = ProcessResources.cpuNanos() - cpuAtFirst;
            Duration elapsed = Duration.ofNanos(progress.lastNanos.get() - progress.firstNanos.get());
            streams.close(Duration.ofSeconds(60));
            streams.cleanUp();
            return new Result(
                    new EngineRun(
                            progress.aggregated.get() - 1,
                            elapsed,
                            Duration.ofNanos(cpu),
                            ProcessResources.heapPeakBytes()),
                    progress.undecodable.get());
        }
    }

    private static double droppedRecords(KafkaStreams streams) {
        return streams.metrics().values().stream()
                .filter(metric -> metric.metricName().name().equals("dropped-records-total"))
                .mapToDouble(metric -> ((Number) metric.metricValue()).doubleValue())
                .sum();
    }

    private static byte[] toJson(ObjectMapper json, WindowedSums sums) {
        try {
            return json.writeValueAsBytes(sums);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a raw record into readings keyed by postal code; a record the decoder rejects is counted. */
    private static final class DecodeReadings implements Processor<byte[], byte[], String, StationReading> {
        private final StationStatusDecoder decoder = new StationStatusDecoder();
        private final PostalCodeIndex postalCodes;
        private final Progress progress;
        private ProcessorContext<String, StationReading> context;

        DecodeReadings(PostalCodeIndex postalCodes, Progress progress) {
            this.postalCodes = postalCodes;
            this.progress = progress;
        }

        @Override
        public void init(ProcessorContext<String, StationReading> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            List<StationStatus> statuses = new ArrayList<>(1);
            List<Rejection> rejections = new ArrayList<>(0);
            try {
                if (record.value() == null) {
                    progress.undecodableOne();
                    return;
                }
                decoder.decode(record.value(), StationListener.collectingInto(statuses, rejections));
            } catch (GbfsDecodingException e) {
                progress.undecodableOne();
                return;
            }
            rejections.forEach(rejection -> progress.undecodableOne());
            for (StationStatus status : statuses) {
                StationReading reading = StationReading.of(status, record.timestamp());
                context.forward(
                        new Record<>(postalCodes.postalCode(reading.stationKey()), reading, record.timestamp()));
            }
        }
    }
}
