package org.velibstream.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.VelibRawRecordSerializer;
import org.velibstream.job.options.JobOptions;
import org.velibstream.job.options.JobOptions.SinkKind;
import org.velibstream.sink.cassandra.CassandraSinkException;
import org.velibstream.sink.jsonl.JsonLinesSink;
import org.velibstream.sink.kafka.KafkaTopics;
import org.velibstream.sink.kafka.KeyedJsonSerializationSchema;

/** Sends the job's results where the options say: Kafka topics (exactly-once), JSON-lines files, or stdout. */
final class OutputSinks {

    private OutputSinks() {}

    static void attach(VelibPipeline.Results results, Configuration config)
            throws ExecutionException, InterruptedException, TimeoutException, CassandraSinkException {
        for (SinkKind kind : EnumSet.copyOf(config.get(JobOptions.SINK))) {
            switch (kind) {
                case kafka -> toKafka(results, config);
                case cassandra -> CassandraOutputs.attach(results, config);
                case jsonl -> toFiles(results, config);
                case print -> {
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
        if (config.get(JobOptions.PUBLISH_RAW) && results.polled() != null) {
            publishRaw(results.polled(), config);
        }
    }

    private static void toKafka(VelibPipeline.Results results, Configuration config)
            throws ExecutionException, InterruptedException, TimeoutException {
        createTopics(
                config,
                List.of(
                        config.get(JobOptions.STATS_TOPIC),
                        config.get(JobOptions.ALERTS_TOPIC),
                        config.get(JobOptions.DEADLETTER_TOPIC)));
        results.stats()
                .sinkTo(kafkaSink(
                        config,
                        "stats",
                        new KeyedJsonSerializationSchema<>(
                                config.get(JobOptions.STATS_TOPIC),
                                stats -> stats.systemId() + ':' + stats.postalCode())))
                .name("Statistics to Kafka")
                .uid("stats-kafka-sink");
        results.alerts()
                .sinkTo(kafkaSink(
                        config,
                        "alerts",
                        new KeyedJsonSerializationSchema<>(
                                config.get(JobOptions.ALERTS_TOPIC),
                                alert -> alert.systemId() + ':' + alert.stationCode())))
                .name("Alerts to Kafka")
                .uid("alerts-kafka-sink");
        results.deadLetters()
                .sinkTo(kafkaSink(
                        config,
                        "deadletter",
                        new KeyedJsonSerializationSchema<>(
                                config.get(JobOptions.DEADLETTER_TOPIC), deadLetter -> deadLetter.source())))
                .name("Dead letters to Kafka")
                .uid("deadletter-kafka-sink");
    }

    private static void publishRaw(DataStream<FeedItem> polled, Configuration config)
            throws ExecutionException, InterruptedException, TimeoutException {
        createTopics(config, List.of(config.get(JobOptions.RAW_TOPIC)));
        polled.filter(item -> item.kind() == FeedItem.Kind.STATUS)
                .name("Polled statuses")
                .uid("polled-statuses")
                .sinkTo(kafkaSink(config, "raw", new VelibRawRecordSerializer(config.get(JobOptions.RAW_TOPIC))))
                .name("Republish polled statuses to the raw topic")
                .uid("raw-kafka-sink");
    }

    private static <T> KafkaSink<T> kafkaSink(
            Configuration config, String name, KafkaRecordSerializationSchema<T> schema) {
        boolean exactlyOnce = !config.get(JobOptions.CHECKPOINT_INTERVAL).isZero();
        Properties properties = KafkaClientProperties.load(config);
        properties.setProperty(
                "transaction.timeout.ms",
                String.valueOf(config.get(JobOptions.TRANSACTION_TIMEOUT).toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(JobOptions.KAFKA_BOOTSTRAP))
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(config.get(JobOptions.TRANSACTIONAL_ID_PREFIX) + "-" + name)
                .build();
    }

    private static void createTopics(Configuration config, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        KafkaTopics.createMissing(
                KafkaClientProperties.load(config),
                new ArrayList<>(topics),
                config.get(JobOptions.TOPIC_PARTITIONS),
                config.get(JobOptions.TOPIC_REPLICATION).shortValue(),
                Duration.ofSeconds(30));
    }

    private static void toFiles(VelibPipeline.Results results, Configuration config) {
        Path output = Path.of(config.getOptional(JobOptions.OUTPUT)
                .orElseThrow(() -> new IllegalArgumentException("--sink jsonl needs --output <directory>")));
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
