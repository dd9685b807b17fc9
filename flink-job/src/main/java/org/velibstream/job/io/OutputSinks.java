package org.velibstream.job.io;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.velibstream.job.VelibPipeline;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.VelibRawRecordSerializer;
import org.velibstream.job.model.SystemTimeZones;
import org.velibstream.job.settings.JobSettings;
import org.velibstream.job.settings.KafkaSettings;
import org.velibstream.job.settings.OutputSettings;
import org.velibstream.job.settings.SinkKind;
import org.velibstream.sink.cassandra.CassandraSinkException;
import org.velibstream.sink.jsonl.JsonLinesSink;
import org.velibstream.sink.kafka.KafkaTopics;
import org.velibstream.sink.kafka.KeyedJsonSerializationSchema;

/**
 * Sends the job's results where the options say: Kafka topics (exactly-once), JSON-lines files, or stdout; and the
 * alerts to Alertmanager too with {@code --alertmanager-url}.
 */
public final class OutputSinks {

    private OutputSinks() {}

    /**
     * Attaches the sinks of {@code settings.output()} to the results, and republishes the polled input to the raw
     * topic with {@code --publish-raw}.
     *
     * @param polled what the HTTP source read; null when the job does not poll
     * @param zones each system's time zone, which dates the Cassandra {@code day} partitions
     */
    public static void attach(
            VelibPipeline.Results results,
            @Nullable DataStream<FeedItem> polled,
            JobSettings settings,
            SystemTimeZones zones)
            throws ExecutionException, InterruptedException, TimeoutException, CassandraSinkException {
        OutputSettings output = settings.output();
        boolean exactlyOnce = settings.runtime().exactlyOnce();
        for (SinkKind kind : output.sinks()) {
            switch (kind) {
                case KAFKA -> toKafka(results, settings.requireKafka(), exactlyOnce);
                case CASSANDRA -> CassandraOutputs.attach(results, settings.requireCassandra(), zones);
                case JSONL -> toFiles(results, output);
                case PRINT -> {
                    results.stats()
                            .sinkTo(new PrintSink<>("stats"))
                            .name("Print statistics")
                            .uid("print-stats");
                    results.alerts()
                            .sinkTo(new PrintSink<>("alert"))
                            .name("Print alerts")
                            .uid("print-alerts");
                    results.deadLetters()
                            .sinkTo(new PrintSink<>("dead-letter", true))
                            .name("Print dead letters")
                            .uid("print-dead-letters");
                }
            }
        }
        if (!output.alertmanagers().isEmpty()) {
            AlertmanagerOutputs.attach(results.alerts(), output);
        }
        if (output.publishRaw() && polled != null) {
            publishRaw(polled, settings.requireKafka(), exactlyOnce);
        }
    }

    private static void toKafka(VelibPipeline.Results results, KafkaSettings kafka, boolean exactlyOnce)
            throws ExecutionException, InterruptedException, TimeoutException {
        createTopics(kafka, List.of(kafka.statsTopic(), kafka.alertsTopic(), kafka.deadLetterTopic()));
        results.stats()
                .sinkTo(kafkaSink(
                        kafka,
                        exactlyOnce,
                        "stats",
                        new KeyedJsonSerializationSchema<>(
                                kafka.statsTopic(),
                                stats -> stats.systemId() + ':' + stats.areaKind() + ':' + stats.area())))
                .name("Statistics to Kafka")
                .uid("stats-kafka-sink");
        results.alerts()
                .sinkTo(kafkaSink(
                        kafka,
                        exactlyOnce,
                        "alerts",
                        new KeyedJsonSerializationSchema<>(
                                kafka.alertsTopic(), alert -> alert.systemId() + ':' + alert.stationCode())))
                .name("Alerts to Kafka")
                .uid("alerts-kafka-sink");
        results.deadLetters()
                .sinkTo(kafkaSink(
                        kafka,
                        exactlyOnce,
                        "deadletter",
                        new KeyedJsonSerializationSchema<>(kafka.deadLetterTopic(), deadLetter -> deadLetter.source())))
                .name("Dead letters to Kafka")
                .uid("deadletter-kafka-sink");
    }

    private static void publishRaw(DataStream<FeedItem> polled, KafkaSettings kafka, boolean exactlyOnce)
            throws ExecutionException, InterruptedException, TimeoutException {
        createTopics(kafka, List.of(kafka.rawTopic()));
        polled.filter(item -> item.kind() == FeedItem.Kind.STATUS)
                .name("Polled statuses")
                .uid("polled-statuses")
                .sinkTo(kafkaSink(kafka, exactlyOnce, "raw", new VelibRawRecordSerializer(kafka.rawTopic())))
                .name("Republish polled statuses to the raw topic")
                .uid("raw-kafka-sink");
    }

    private static <T> KafkaSink<T> kafkaSink(
            KafkaSettings kafka, boolean exactlyOnce, String name, KafkaRecordSerializationSchema<T> schema) {
        Properties properties = kafka.clientProperties();
        properties.setProperty(
                "transaction.timeout.ms",
                String.valueOf(kafka.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrap())
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-" + name)
                .build();
    }

    private static void createTopics(KafkaSettings kafka, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        KafkaTopics.createMissing(
                kafka.clientProperties(),
                new ArrayList<>(topics),
                kafka.topicPartitions(),
                kafka.topicReplication(),
                Duration.ofSeconds(30));
    }

    private static void toFiles(VelibPipeline.Results results, OutputSettings settings) {
        if (settings.output() == null) {
            throw new IllegalArgumentException("--sink jsonl needs --output <directory>");
        }
        Path output = Path.of(settings.output());
        results.stats()
                .sinkTo(new JsonLinesSink<>(output.resolve("stats.jsonl")))
                .setParallelism(1)
                .name("Statistics to stats.jsonl")
                .uid("stats-jsonl-sink");
        results.alerts()
                .sinkTo(new JsonLinesSink<>(output.resolve("alerts.jsonl")))
                .setParallelism(1)
                .name("Alerts to alerts.jsonl")
                .uid("alerts-jsonl-sink");
        results.deadLetters()
                .sinkTo(new JsonLinesSink<>(output.resolve("deadletter.jsonl")))
                .setParallelism(1)
                .name("Dead letters to deadletter.jsonl")
                .uid("deadletter-jsonl-sink");
    }
}
