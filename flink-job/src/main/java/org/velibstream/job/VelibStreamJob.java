package org.velibstream.job;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.velibstream.job.io.CassandraOutputs;
import org.velibstream.job.io.InputSources;
import org.velibstream.job.io.KafkaAccessException;
import org.velibstream.job.io.KafkaPreflight;
import org.velibstream.job.io.OutputSinks;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.settings.JobSettings;
import org.velibstream.job.settings.PipelineSettings;
import org.velibstream.job.settings.RuntimeSettings;
import org.velibstream.job.settings.SourceKind;
import org.velibstream.job.stations.AreaSources;
import org.velibstream.sink.cassandra.CassandraSinkException;

/**
 * velib-stream: per-area bike statistics and station anomaly alerts from GBFS feeds and Kafka.
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
            JobSettings settings = JobSettings.from(JobConfiguration.fromArgs(args));
            env = environment(settings);
            preflight(settings);
            topology(env, settings, InputSources.resolve(settings.input(), settings.kafka()));
        } catch (IllegalArgumentException e) {
            System.err.println("velib-stream: " + e.getMessage() + "\nRun with --help for the options.");
            System.exit(2);
            return;
        } catch (KafkaAccessException | CassandraSinkException e) {
            // A service refused the job's credentials or certificate, or the raw topic is missing and may not be
            // created: restarting cannot help, and a stack trace would bury the one line that says what to fix.
            System.err.println("velib-stream: " + e.getMessage());
            System.exit(1);
            return;
        }
        env.execute(JOB_NAME);
    }

    /**
     * Logs in to the Kafka and Cassandra the settings name, with the job's credentials and certificates, before the
     * job is submitted: the running tasks would find a refusal only as failures that the restart strategy retries.
     *
     * @throws KafkaAccessException when Kafka refuses the job or does not answer
     * @throws CassandraSinkException when Cassandra refuses the job or does not answer
     */
    static void preflight(JobSettings settings)
            throws KafkaAccessException, CassandraSinkException, InterruptedException {
        if (settings.kafka() != null) {
            KafkaPreflight.check(settings.kafka(), KAFKA_PREFLIGHT_TIMEOUT);
        }
        if (settings.cassandra() != null) {
            CassandraOutputs.checkAccess(settings.cassandra());
        }
    }

    /**
     * The whole job on {@code env}: checkpointing, parallelism and latency knobs, the sources, the pipeline and the sinks the
     * settings choose.
     */
    public static void topology(StreamExecutionEnvironment env, JobSettings settings, InputSources inputs)
            throws Exception {
        InputSources.Attached attached = withoutSinks(env, settings, inputs);
        OutputSinks.attach(
                results(attached, settings.pipeline(), inputs), attached.polled(), settings, inputs.timeZones());
    }

    /**
     * Builds the whole job on {@code env} from the options, as {@code main} does, sources resolved: for tests and
     * benchmarks that run it in-process.
     */
    public static void build(StreamExecutionEnvironment env, Configuration config) throws Exception {
        JobSettings settings = JobSettings.from(config);
        topology(env, settings, InputSources.resolve(settings.input(), settings.kafka()));
    }

    /**
     * Builds the job on {@code env} from the options without its sinks, with checkpointing, parallelism and the
     * latency knobs as the options say: for benchmarks that attach sinks of their own.
     */
    public static VelibPipeline.Results pipeline(StreamExecutionEnvironment env, Configuration config)
            throws Exception {
        JobSettings settings = JobSettings.from(config);
        InputSources inputs = InputSources.resolve(settings.input(), settings.kafka());
        return results(withoutSinks(env, settings, inputs), settings.pipeline(), inputs);
    }

    private static InputSources.Attached withoutSinks(
            StreamExecutionEnvironment env, JobSettings settings, InputSources inputs) {
        RuntimeSettings runtime = settings.runtime();
        env.getConfig().setAutoWatermarkInterval(runtime.watermarkInterval().toMillis());
        env.setBufferTimeout(runtime.bufferTimeout().toMillis());
        if (!runtime.checkpointInterval().isZero()) {
            env.enableCheckpointing(runtime.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        if (runtime.parallelism() != null) {
            env.setParallelism(runtime.parallelism());
        }
        return inputs.attach(env, settings.pipeline().watermarks());
    }

    /**
     * The pipeline on the attached sources, placing stations as the options say and by the systems' regions: the
     * area files are read here, on the client.
     */
    private static VelibPipeline.Results results(
            InputSources.Attached attached, PipelineSettings settings, InputSources inputs) {
        return VelibPipeline.build(attached.all(), settings, AreaSources.placement(settings, inputs.regionNames()));
    }

    /** The cluster's environment under {@code flink run}; a local MiniCluster under {@code java -jar}. */
    private static StreamExecutionEnvironment environment(JobSettings settings) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!(env instanceof LocalStreamEnvironment)) {
            return env;
        }
        if (settings.input().kind() == SourceKind.FILES) {
            return StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        }
        int webUiPort = settings.runtime().webUiPort();
        Configuration local = new Configuration();
        local.set(RestOptions.PORT, webUiPort);
        local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        System.out.println("velib-stream: local Flink web UI on http://127.0.0.1:" + webUiPort);
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(local);
    }
}
