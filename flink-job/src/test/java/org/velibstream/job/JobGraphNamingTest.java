package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.job.io.InputSources;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.settings.JobSettings;

/**
 * Every operator of the job has a readable name (what the web UI shows) and a stable uid (what a savepoint maps its
 * state by), whatever inputs and sinks the options choose. Built without running: no server is contacted.
 */
class JobGraphNamingTest {

    @TempDir
    Path output;

    @Test
    void everyOperatorOfTheReplayJobHasANameAndAUid() throws Exception {
        assertNamedAndUnique(ReplayFixture.replayArgs(output));
    }

    @Test
    void everyOperatorOfTheKafkaToEverySinkJobHasANameAndAUid() throws Exception {
        assertNamedAndUnique(new String[] {
            "--source", "kafka",
            "--sink", "cassandra;jsonl;print",
            "--output", output.toString(),
            "--cassandra-create-schema", "false",
            "--station-filter", "16107;32017"
        });
    }

    private static void assertNamedAndUnique(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings settings = JobSettings.from(JobConfiguration.fromArgs(args));
        // As VelibStreamJob.build, but without asking Kafka how many partitions the raw topic has.
        VelibStreamJob.topology(env, settings, InputSources.resolve(settings.input(), settings.kafka(), kafka -> 3));
        List<String> problems = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        Collection<StreamNode> nodes = env.getStreamGraph().getStreamNodes();
        assertThat(nodes).as("the job graph").hasSizeGreaterThan(8);
        for (StreamNode node : nodes) {
            String uid = node.getTransformationUID();
            if (uid == null || uid.isBlank()) {
                problems.add("no uid: " + node.getOperatorName());
            } else if (!uids.add(uid)) {
                problems.add("uid used twice: " + uid);
            }
            if (node.getOperatorName() == null
                    || node.getOperatorName()
                            .matches(
                                    "(?i)(Map|Filter|Flat Map|Process|Co-Process-Broadcast|KeyedProcess|Sink: Unnamed|Source: Custom Source)")) {
                problems.add("no readable name: " + node.getOperatorName() + " (uid " + uid + ")");
            }
        }
        assertThat(problems).as("operators of the job graph").isEmpty();
    }
}
