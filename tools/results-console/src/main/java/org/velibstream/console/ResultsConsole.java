package org.velibstream.console;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Shows the job's statistics and alerts topics live in a terminal, as {@link ResultsView} lays them out. It reads
 * with {@code read_committed}, so it shows exactly what the exactly-once sinks committed, from the beginning of the
 * topics, without a consumer group (it commits nothing and disturbs no one).
 *
 * <p>A consumer of the job's published output like any other: it knows the topics' JSON ({@link PublishedStats},
 * {@link PublishedAlert}), not the job's classes. Options: {@link ConsoleOptions#USAGE}. Run it from its own jar:
 * {@code java -jar tools/results-console/target/results-console.jar --kafka-bootstrap ...}
 */
public final class ResultsConsole {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";
    private static final int MAX_ROWS = 30;
    private static final int MAX_ALERTS = 8;

    private final KafkaConsumer<String, String> consumer;
    private final String statsTopic;
    private final String alertsTopic;
    private final ResultsView view;
    private final PrintStream out;
    private final boolean redraw;
    private final PublishedJson json = new PublishedJson();
    private long unreadable;

    ResultsConsole(
            KafkaConsumer<String, String> consumer,
            String statsTopic,
            String alertsTopic,
            ResultsView view,
            PrintStream out,
            boolean redraw) {
        this.consumer = consumer;
        this.statsTopic = statsTopic;
        this.alertsTopic = alertsTopic;
        this.view = view;
        this.out = out;
        this.redraw = redraw;
    }

    public static void main(String[] args) {
        if (ConsoleOptions.wantsHelp(args)) {
            System.out.println(ConsoleOptions.USAGE);
            return;
        }
        ConsoleOptions options;
        Properties properties;
        try {
            options = ConsoleOptions.parse(args);
            properties = consumerProperties(options);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("velib-stream console: " + e.getMessage());
            System.err.println(ConsoleOptions.USAGE);
            System.exit(2);
            return;
        }
        ResultsView view = new ResultsView(MAX_ROWS, MAX_ALERTS, options.timeZones());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            ResultsConsole console = new ResultsConsole(
                    consumer,
                    options.statsTopic(),
                    options.alertsTopic(),
                    view,
                    utf8StandardOutput(),
                    System.console() != null);
            Thread main = Thread.currentThread();
            // Ctrl-C: wake the consumer out of poll() and let main close it before the JVM exits.
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                consumer.wakeup();
                                try {
                                    main.join(5_000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "console-shutdown"));
            console.run();
        }
    }

    /**
     * Standard output in UTF-8, whatever the platform's default (on JDK 17 it follows the locale, and a POSIX locale
     * would print area names with accents as question marks). Not buffered beyond what {@link #run} flushes.
     */
    private static PrintStream utf8StandardOutput() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    static Properties consumerProperties(ConsoleOptions options) throws IOException {
        Properties properties = options.kafkaClientProperties();
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "velib-stream-console");
        return properties;
    }

    /** Reads until woken up, redrawing after every batch that brought something. */
    void run() {
        try {
            assignFromBeginning();
            out.print(view.render());
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                if (records.isEmpty()) {
                    continue;
                }
                records.forEach(this::show);
                out.print((redraw ? CLEAR_SCREEN : "\n")
                        + view.render()
                        + (unreadable > 0 ? unreadable + " records could not be read (not velib-stream JSON)\n" : ""));
                out.flush();
            }
        } catch (WakeupException e) {
            // Ctrl-C
        }
    }

    private void assignFromBeginning() {
        List<TopicPartition> partitions = new ArrayList<>(partitionsOf(statsTopic));
        partitions.addAll(partitionsOf(alertsTopic));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The topics may not exist yet when the demo starts: the job creates them when it is submitted. */
    private List<TopicPartition> partitionsOf(String topic) {
        while (true) {
            try {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (!partitions.isEmpty()) {
                    return partitions.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
                }
                Thread.sleep(1_000);
            } catch (TimeoutException e) {
                // the broker did not answer in time: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
            out.println("Waiting for the topic " + topic + " (the job creates it when it starts)...");
        }
    }

    private void show(ConsumerRecord<String, String> record) {
        try {
            if (record.topic().equals(statsTopic)) {
                view.add(json.readStats(record.value()));
            } else {
                view.add(json.readAlert(record.value()));
            }
        } catch (IOException | IllegalArgumentException e) {
            unreadable++;
        }
    }
}
