package org.velibstream.bench.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.velibstream.bench.BenchmarkPaths;
import org.velibstream.job.VelibStreamJob;
import org.velibstream.job.settings.JobConfiguration;

/**
 * The production job on the raw topic, for the Kafka benchmarks: {@link VelibStreamJob#build} with {@code --source
 * kafka} and {@code --sink kafka} (exactly once, at the production checkpoint interval), on a local MiniCluster in
 * this JVM with one slot per parallel task. Each run has its own consumer group, output topics and transactional ids,
 * so that runs over the same raw topic never see each other.
 *
 * @param bounded true to stop at the raw topic's end offsets when the job starts ({@code --kafka-stop-at-latest})
 * @param jobOptions more options of the job ({@code --name value} pairs), after the benchmark's own: e.g. another
 *     {@code --checkpoint-interval}; empty for the production defaults
 */
public record KafkaJob(
        String bootstrap, String rawTopic, int parallelism, boolean bounded, List<String> jobOptions, String run) {

    public KafkaJob {
        jobOptions = List.copyOf(jobOptions);
    }

    public static KafkaJob of(String bootstrap, String rawTopic, int parallelism, boolean bounded) {
        return of(bootstrap, rawTopic, parallelism, bounded, List.of());
    }

    public static KafkaJob of(
            String bootstrap, String rawTopic, int parallelism, boolean bounded, List<String> jobOptions) {
        return new KafkaJob(
                bootstrap,
                rawTopic,
                parallelism,
                bounded,
                jobOptions,
                UUID.randomUUID().toString().substring(0, 8));
    }

    public String statsTopic() {
        return "bench-stats-" + run;
    }

    public String alertsTopic() {
        return "bench-alerts-" + run;
    }

    /** Builds the job on a fresh MiniCluster and submits it; the caller cancels it or waits for it. */
    public JobClient start() throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--source",
                "kafka",
                "--kafka-bootstrap",
                bootstrap,
                "--raw-topic",
                rawTopic,
                "--kafka-group-id",
                "bench-" + run,
                "--sink",
                "kafka",
                "--stats-topic",
                statsTopic(),
                "--alerts-topic",
                alertsTopic(),
                "--deadletter-topic",
                "bench-deadletter-" + run,
                "--transactional-id-prefix",
                "bench-" + run,
                "--parallelism",
                Integer.toString(parallelism),
                // The raw topic carries no station_information: the project's table places the stations.
                "--stations",
                BenchmarkPaths.stationsCsv().toString()));
        if (bounded) {
            args.add("--kafka-stop-at-latest");
        }
        args.addAll(jobOptions);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
        VelibStreamJob.build(env, JobConfiguration.fromArgs(args.toArray(String[]::new)));
        return env.executeAsync("velib-stream on Kafka p" + parallelism);
    }

    /**
     * Cancels a run unless it has ended, and waits for its end: a bounded run would otherwise wait for its final
     * checkpoint, which no measurement needs.
     */
    public static void stop(JobClient client) throws InterruptedException, TimeoutException {
        if (hasEnded(client)) {
            return;
        }
        try {
            client.cancel().get(60, TimeUnit.SECONDS);
            // Cancelled is its end: the result's exception says so, and is not a failure of the benchmark.
            client.getJobExecutionResult().handle((result, failure) -> result).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | IllegalStateException e) {
            // It ended meanwhile, and its MiniCluster with it: nothing is left to stop.
        }
    }

    /**
     * Whether a run has ended. A local environment's MiniCluster shuts down with its job, and then refuses every
     * question (IllegalStateException) instead of answering FINISHED: that is an end too.
     */
    public static boolean hasEnded(JobClient client) throws InterruptedException, TimeoutException {
        try {
            return client.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState();
        } catch (ExecutionException | IllegalStateException e) {
            return true;
        }
    }
}
