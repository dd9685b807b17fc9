package org.velibstream.console;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.Admin;
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
 * {@link PublishedAlert}), not the job's classes. It shows a window of statistics only once it is complete
 * ({@link CompleteWindows} says how it knows), and, given the job's Flink cluster and id, ends with status 1 saying
 * "the job failed: " and the first line of the exception when the job has failed ({@link JobWatch}). Options:
 * {@link ConsoleOptions#USAGE}. Run it from its own jar:
 * {@code java -jar tools/results-console/target/results-console.jar --kafka-bootstrap ...}
 */
public final class ResultsConsole {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";
    private static final int MAX_ROWS = 30;
    private static final int MAX_ALERTS = 8;
    private static final Duration JOB_CHECK_INTERVAL = Duration.ofSeconds(3);

    private final KafkaConsumer<String, String> consumer;
    private final String statsTopic;
    private final String alertsTopic;
    private final ResultsView view;
    private final PrintStream out;
    private final boolean redraw;
    private final TopicEnds topicEnds;
    private final @Nullable JobWatch jobWatch;
    private final PublishedJson json = new PublishedJson();
    private final CompleteWindows windows = new CompleteWindows();
    private List<TopicPartition> statsPartitions = List.of();
    private long unreadable;
    /** {@link System#nanoTime} of the next question to Flink (any long, as nanoTime may be negative). */
    private long nextJobCheck = System.nanoTime();
    /** Shown under the tables while the job recovers from a failure. */
    private @Nullable String jobNotice;

    /**
     * @param admin reads the statistics topic's log end, to know when every window read is complete
     * @param jobWatch the job to watch; null not to
     */
    ResultsConsole(
            KafkaConsumer<String, String> consumer,
            Admin admin,
            String statsTopic,
            String alertsTopic,
            ResultsView view,
            PrintStream out,
            boolean redraw,
            @Nullable JobWatch jobWatch) {
        this.consumer = consumer;
        this.topicEnds = new TopicEnds(admin);
        this.statsTopic = statsTopic;
        this.alertsTopic = alertsTopic;
        this.view = view;
        this.out = out;
        this.redraw = redraw;
        this.jobWatch = jobWatch;
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
        boolean jobEnded;
        Thread shutdown;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
                Admin admin = Admin.create(options.kafkaClientProperties())) {
            ResultsConsole console = new ResultsConsole(
                    consumer,
                    admin,
                    options.statsTopic(),
                    options.alertsTopic(),
                    view,
                    utf8StandardOutput(),
                    System.console() != null,
                    options.jobWatch().orElse(null));
            Thread main = Thread.currentThread();
            // Ctrl-C: wake the consumer out of poll() and let main close it before the JVM exits.
            shutdown = new Thread(
                    () -> {
                        consumer.wakeup();
                        try {
                            main.join(5_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "console-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            jobEnded = !console.run();
        } catch (IOException e) {
            System.err.println("velib-stream console: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (jobEnded) {
            // The hook would wait for this thread, itself waiting in exit() for the hook.
            Runtime.getRuntime().removeShutdownHook(shutdown);
            System.exit(1);
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

    /**
     * Reads until woken up, showing each window once it is complete ({@link CompleteWindows}) and each alert as it
     * arrives.
     *
     * @return false when it stopped because the job has ended (it said so), true when woken up (Ctrl-C)
     */
    boolean run() {
        try {
            assignFromBeginning();
            out.print(view.render());
            while (true) {
                checkJob();
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                boolean alerts = false;
                for (ConsumerRecord<String, String> record : records) {
                    alerts |= show(record);
                }
                List<CompleteWindows.Window> complete =
                        windows.hasPending() && topicEnds.settled(consumer, statsPartitions)
                                ? windows.release()
                                : List.of();
                for (CompleteWindows.Window window : complete) {
                    window.rows().forEach(view::add);
                    draw();
                }
                if (alerts && complete.isEmpty()) {
                    draw();
                }
            }
        } catch (WakeupException e) {
            return true; // Ctrl-C
        } catch (JobEnded e) {
            out.println(e.getMessage());
            out.flush();
            return false;
        }
    }

    private void draw() {
        out.print((redraw ? CLEAR_SCREEN : "\n")
                + view.render()
                + (unreadable > 0 ? unreadable + " records could not be read (not velib-stream JSON)\n" : "")
                + (jobNotice != null ? jobNotice + "\n" : ""));
        out.flush();
    }

    /**
     * Every few seconds, asks Flink how the job is doing; a cluster that does not answer is asked again later (it
     * may be busy), a job recovering from a failure is shown as such, a job that has ended ends the console.
     */
    private void checkJob() {
        if (jobWatch == null || System.nanoTime() - nextJobCheck < 0) {
            return;
        }
        nextJobCheck = System.nanoTime() + JOB_CHECK_INTERVAL.toNanos();
        try {
            JobWatch.JobState job = jobWatch.check();
            if (job.ended()) {
                throw new JobEnded(job.describe());
            }
            if (!Objects.equals(job.notice(), jobNotice)) {
                jobNotice = job.notice();
                draw();
            }
        } catch (IOException e) {
            // asked again at the next check
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** The job has ended: the console says so and stops. */
    private static final class JobEnded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        JobEnded(String message) {
            super(message, null, false, false);
        }
    }

    private void assignFromBeginning() {
        statsPartitions = partitionsOf(statsTopic);
        List<TopicPartition> partitions = new ArrayList<>(statsPartitions);
        partitions.addAll(partitionsOf(alertsTopic));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The topics may not exist yet when the demo starts: the job creates them when it is submitted. */
    private List<TopicPartition> partitionsOf(String topic) {
        while (true) {
            checkJob();
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

    /** @return whether {@code record} was an alert (statistics wait in {@link #windows} for their window) */
    private boolean show(ConsumerRecord<String, String> record) {
        try {
            if (record.topic().equals(statsTopic)) {
                windows.add(json.readStats(record.value()));
                return false;
            }
            view.add(json.readAlert(record.value()));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            unreadable++;
            return false;
        }
    }
}
