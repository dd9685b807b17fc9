package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as a user runs it: {@code java -jar velib-stream-job.jar --source files ... --sink jsonl} replays
 * the snapshots on a local MiniCluster, writes the JSON-lines files and exits 0. Failsafe runs after {@code package},
 * so this is the jar the build just made.
 */
class JarReplayITCase {

    private static final Path JAR = Path.of("target", "velib-stream-job.jar");

    @TempDir
    Path output;

    @Test
    void boundedReplayWithJavaJarWritesTheRowsAndExitsZero() throws Exception {
        assertThat(JAR).as("the job jar built by mvn package").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                JAR.toString()));
        command.addAll(List.of(ReplayFixture.replayArgs(output)));
        Path log = output.resolve("java-jar.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished)
                .as("java -jar finished within 3 minutes; output:%n%s", Files.readString(log))
                .isTrue();
        assertThat(process.exitValue())
                .as("exit code; output:%n%s", Files.readString(log))
                .isZero();
        assertThat(ReplayFixture.readStats(output)).containsExactlyInAnyOrderElementsOf(ReplayFixture.EXPECTED_STATS);
        assertThat(output.resolve("alerts.jsonl")).exists();
        assertThat(output.resolve("deadletter.jsonl")).exists();
    }
}
