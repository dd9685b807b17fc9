package org.velibstream.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.source.http.TestHttpServer.respond;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole source in a checkpointed job that fails once after its first completed checkpoint and restarts from it.
 *
 * <p>Each endpoint serves a sequence of versions and moves to version k+1 only when a poll presents the ETag of
 * version k, so what the server serves next is decided by the validators the source restored. A keyed operator
 * downstream, whose state is restored from the same checkpoint, checks that each endpoint's versions arrive as
 * 1, 2, 3, ... without repeats or gaps. If the checkpointed split state ran ahead of what was emitted, a version
 * would be skipped; if it lagged behind, a version would be emitted again. At the end every version of every
 * endpoint has reached the sink.
 */
class HttpPollingSourceITCase {

    private static final int VERSIONS = 25;
    private static final List<String> ENDPOINTS = List.of("paris", "lyon", "nantes");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    static final AtomicBoolean CHECKPOINT_COMPLETED = new AtomicBoolean();
    static final AtomicBoolean FAILURE_INJECTED = new AtomicBoolean();
    static final AtomicInteger RECORDS_MAPPED = new AtomicInteger();
    static final AtomicInteger MAPPED_AT_PREVIOUS_CHECKPOINT = new AtomicInteger();
    static final Queue<String> CONTINUITY_VIOLATIONS = new ConcurrentLinkedQueue<>();
    static final Queue<String> SUNK = new ConcurrentLinkedQueue<>();
    static final AtomicInteger DESERIALIZERS_OPENED = new AtomicInteger();
    static final Queue<String> DESERIALIZER_MISUSES = new ConcurrentLinkedQueue<>();

    private TestHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        CHECKPOINT_COMPLETED.set(false);
        FAILURE_INJECTED.set(false);
        RECORDS_MAPPED.set(0);
        MAPPED_AT_PREVIOUS_CHECKPOINT.set(0);
        CONTINUITY_VIOLATIONS.clear();
        SUNK.clear();
        DESERIALIZERS_OPENED.set(0);
        DESERIALIZER_MISUSES.clear();
        server = new TestHttpServer();
        for (String endpoint : ENDPOINTS) {
            AtomicInteger requests = new AtomicInteger();
            server.handle("/" + endpoint, exchange -> {
                String acknowledged = exchange.getRequestHeaders().getFirst("If-None-Match");
                int seen = acknowledged == null ? 0 : Integer.parseInt(acknowledged.replace("\"", ""));
                if (seen == VERSIONS) {
                    respond(exchange, 410, "");
                } else if (seen > 0 && requests.incrementAndGet() % 2 == 0) {
                    // Every other conditional poll finds nothing new: the sequence includes 304s.
                    respond(exchange, 304, "", "ETag", acknowledged);
                } else {
                    respond(exchange, 200, "ok " + (seen + 1), "ETag", "\"" + (seen + 1) + "\"");
                }
            });
        }
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void restartFromACheckpointNeitherRepeatsNorLosesData() throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.enableCheckpointing(100);

        HttpPollingSourceBuilder<String> builder = HttpPollingSource.<String>builder()
                .setDeserializer(new OpenedOnceDeserializer())
                .setEndOfSequenceStatuses(410)
                .setBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
        ENDPOINTS.forEach(id -> builder.addEndpoint(new HttpEndpoint(id, server.uri("/" + id), Duration.ofMillis(40))));

        env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "http-polling")
                .map(new FailOnceAfterFirstCheckpoint())
                .name("fail-once")
                .keyBy(record -> record.substring(0, record.indexOf(':')))
                .process(new ContinuityCheck())
                .name("continuity-check")
                .sinkTo(new CollectingSink())
                .name("collect");
        env.execute("http-polling-source-exactly-once");

        assertThat(FAILURE_INJECTED)
                .as("the job must have failed and restarted once")
                .isTrue();
        assertThat(CONTINUITY_VIOLATIONS)
                .as("versions repeated or skipped across the restart")
                .isEmpty();
        Map<String, Set<Integer>> versionsByEndpoint = SUNK.stream()
                .collect(Collectors.groupingBy(
                        record -> record.substring(0, record.indexOf(':')),
                        Collectors.mapping(HttpPollingSourceITCase::version, Collectors.toSet())));
        Set<Integer> allVersions = IntStream.rangeClosed(1, VERSIONS).boxed().collect(Collectors.toSet());
        assertThat(versionsByEndpoint).containsOnlyKeys(ENDPOINTS);
        versionsByEndpoint.forEach((endpoint, versions) ->
                assertThat(versions).as("versions of %s", endpoint).isEqualTo(allVersions));
        assertThat(DESERIALIZERS_OPENED)
                .as("one deserializer per reader, two readers before and two after the restart")
                .hasValue(4);
        assertThat(DESERIALIZER_MISUSES).isEmpty();
    }

    static int version(String record) {
        return Integer.parseInt(record.substring(record.indexOf(":ok ") + 4));
    }

    /**
     * Throws once, on the first record after a checkpoint that was triggered once records had flowed, so the job
     * restarts from a checkpoint holding split state that has moved past the start.
     */
    static final class FailOnceAfterFirstCheckpoint extends RichMapFunction<String, String>
            implements CheckpointListener {
        @Override
        public String map(String record) {
            RECORDS_MAPPED.incrementAndGet();
            if (CHECKPOINT_COMPLETED.get() && FAILURE_INJECTED.compareAndSet(false, true)) {
                throw new IllegalStateException("Injected failure after a completed checkpoint");
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            // Checkpoints are not concurrent: the one completing now was triggered after the previous completed.
            if (MAPPED_AT_PREVIOUS_CHECKPOINT.getAndSet(RECORDS_MAPPED.get()) >= 2 * ENDPOINTS.size()) {
                CHECKPOINT_COMPLETED.set(true);
            }
        }
    }

    /** Checks, in state restored from the same checkpoint as the source, that versions arrive as 1, 2, 3, ... */
    static final class ContinuityCheck extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Integer> lastVersion;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
            lastVersion = getRuntimeContext().getState(new ValueStateDescriptor<>("lastVersion", Types.INT));
        }

        @Override
        public void processElement(String record, Context context, Collector<String> out) throws IOException {
            int last = lastVersion.value() == null ? 0 : lastVersion.value();
            int version = version(record);
            if (version != last + 1) {
                CONTINUITY_VIOLATIONS.add(context.getCurrentKey() + ": got " + version + " after " + last);
            }
            lastVersion.update(version);
            out.collect(record);
        }
    }

    /** Checks that each reader's copy of the deserializer is opened once, before its first record. */
    static final class OpenedOnceDeserializer implements HttpResponseDeserializer<String> {
        private final StringLinesDeserializer lines = new StringLinesDeserializer();
        private transient int opens;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            DESERIALIZERS_OPENED.incrementAndGet();
            if (++opens > 1) {
                DESERIALIZER_MISUSES.add("opened " + opens + " times");
            }
            if (context.getMetricGroup() == null || context.getUserCodeClassLoader() == null) {
                DESERIALIZER_MISUSES.add("opened without a metric group or class loader");
            }
        }

        @Override
        public void deserialize(PolledResponse response, Collector<String> out) throws IOException {
            if (opens == 0) {
                DESERIALIZER_MISUSES.add("deserialize before open: " + response.endpointId());
            }
            lines.deserialize(response, out);
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return lines.getProducedType();
        }
    }

    static final class CollectingSink implements Sink<String> {
        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(String element, Context context) {
                    SUNK.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
