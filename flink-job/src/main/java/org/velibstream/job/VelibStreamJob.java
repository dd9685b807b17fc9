package org.velibstream.job;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.velibstream.job.options.JobConfiguration;
import org.velibstream.job.options.JobOptions;
import org.velibstream.job.stations.StationDirectory;
import org.velibstream.sink.cassandra.CassandraSinkException;

/**
 * velib-stream: per-postal-code bike statistics and station anomaly alerts from GBFS feeds and Kafka.
 *
 * <p>Submitted with {@code flink run}, it runs on that cluster. Started with {@code java -jar}, it runs on a local
 * MiniCluster, with the web UI unless it is a bounded replay ({@code --source files}).
 */
public final class VelibStreamJob {

    public static final String JOB_NAME = "velib-stream";

    private static final Duration KAFKA_PREFLIGHT_TIMEOUT = Duration.ofSeconds(30);

    private VelibStreamJob() {}

    public static void main(String[] args) throws Exception {
        if (JobConfiguration.wantsHelp(args)) {
            System.out.println("velib-stream options (--name value, or name=value lines in --config <file>):\n");
            System.out.println(JobConfiguration.markdownTable());
            return;
        }
        StreamExecutionEnvironment env;
        try {
            Configuration config = JobConfiguration.fromArgs(args);
            env = environment(config);
            checkAccess(config);
            build(env, config);
        } catch (IllegalArgumentException e) {
            System.err.println("velib-stream: " + e.getMessage() + "\nRun with --help for the options.");
            System.exit(2);
            return;
        } catch (KafkaAccessException | CassandraSinkException e) {
            // A service refused the job's credentials or certificate: restarting cannot help, and a stack trace
            // would bury the one line that says what to fix.
            System.err.println("velib-stream: " + e.getMessage());
            System.exit(1);
            return;
        }
        env.execute(JOB_NAME);
    }

    /**
     * Logs in to the Kafka and Cassandra the options name, with the job's credentials and certificates, before the job
     * is submitted: the running tasks would find a refusal only as failures that the restart strategy retries.
     *
     * @throws KafkaAccessException when Kafka refuses the job or does not answer
     * @throws CassandraSinkException when Cassandra refuses the job or does not answer
     */
    static void checkAccess(Configuration config)
            throws KafkaAccessException, CassandraSinkException, InterruptedException {
        if (usesKafka(config)) {
            KafkaPreflight.check(config, KafkaClientProperties.load(config), KAFKA_PREFLIGHT_TIMEOUT);
        }
        if (config.get(JobOptions.SINK).contains(JobOptions.SinkKind.cassandra)) {
            CassandraOutputs.checkAccess(config);
        }
    }

    /** Builds the whole job on {@code env}: sources, operators and the sinks the options choose. */
    public static void build(StreamExecutionEnvironment env, Configuration config) throws Exception {
        OutputSinks.attach(pipeline(env, config), config);
    }

    /**
     * Builds the job on {@code env} without its sinks, with checkpointing and parallelism as the options say: for
     * benchmarks that attach sinks of their own.
     */
    public static VelibPipeline.Results pipeline(StreamExecutionEnvironment env, Configuration config)
            throws Exception {
        Duration checkpointInterval = config.get(JobOptions.CHECKPOINT_INTERVAL);
        if (!checkpointInterval.isZero()) {
            env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        config.getOptional(JobOptions.PARALLELISM).ifPresent(env::setParallelism);
        String stationsTable = config.get(JobOptions.STATIONS_TABLE);
        StationDirectory directory = stationsTable != null
                ? StationDirectory.fromFile(Path.of(stationsTable))
                : StationDirectory.fromClasspath();
        return VelibPipeline.build(env, config, InputSources.resolve(config), directory);
    }

    private static boolean usesKafka(Configuration config) {
        JobOptions.SourceKind source = config.get(JobOptions.SOURCE);
        return source == JobOptions.SourceKind.kafka
                || source == JobOptions.SourceKind.both
                || config.get(JobOptions.SINK).contains(JobOptions.SinkKind.kafka)
                || config.get(JobOptions.PUBLISH_RAW);
    }

    /** The cluster's environment under {@code flink run}; a local MiniCluster under {@code java -jar}. */
    private static StreamExecutionEnvironment environment(Configuration config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!(env instanceof LocalStreamEnvironment)) {
            return env;
        }
        if (config.get(JobOptions.SOURCE) == JobOptions.SourceKind.files) {
            return StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        }
        Configuration local = new Configuration();
        local.set(RestOptions.PORT, config.get(JobOptions.WEB_UI_PORT));
        local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        System.out.println(
                "velib-stream: local Flink web UI on http://127.0.0.1:" + config.get(JobOptions.WEB_UI_PORT));
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(local);
    }
}
