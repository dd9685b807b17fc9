package org.velibstream.job.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.velibstream.job.stack.LocalProcesses.LocalProcess;
import org.velibstream.job.testing.Polling;
import org.velibstream.job.testing.TestFiles;

/**
 * {@code bin/demo 2>&1 | tee demo.log}, then Ctrl-C, as in a terminal: once the demo is up (Kafka, Cassandra, a
 * Flink session cluster, the GBFS replay server, the job RUNNING and the results console reading), SIGINT goes to the
 * whole pipeline's process group, so tee ends with it and every later write of the demo's clean-up meets a closed
 * pipe. Afterwards no process may be left that belongs to the demo's work folder, and every port it listened on
 * (the fixed ones and those Flink picked) must be free again.
 *
 * <p>The demo runs on its own ports ({@code velib.it.demo.port-base} and the seven after it) and its own work folder,
 * with the jars the build made ({@code DEMO_BUILD=never}: no rebuild in the middle of a build). The pipeline starts
 * in a session of its own with SIGINT at its default: a process started from a background job would inherit it
 * ignored, and the test would prove nothing.
 */
class DemoInterruptITCase {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPOSITORY = MODULE.getParent();
    private static final Path WORK = MODULE.resolve("target/demo-interrupt");
    private static final Path DEMO_LOG = WORK.resolve("demo.log");
    private static final Path STOP_LOG = WORK.resolve("demo-stop.log");
    private static final List<Path> JARS = List.of(
            MODULE.resolve("target/velib-stream-job.jar"),
            REPOSITORY.resolve("tools/results-console/target/results-console.jar"),
            REPOSITORY.resolve("tools/gbfs-replay/target/gbfs-replay.jar"));

    private static final int PORT_BASE = Integer.getInteger("velib.it.demo.port-base", 26100);
    private static final StackPorts PORTS = new StackPorts(
            PORT_BASE, PORT_BASE + 1, PORT_BASE + 2, PORT_BASE + 3, PORT_BASE + 4, PORT_BASE + 5, PORT_BASE + 6);
    private static final int REPLAY_PORT = PORT_BASE + 7;

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private static Map<String, String> environment;
    private static Process pipeline;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        assumeTrue(
                LocalProcesses.readable() && Files.isExecutable(Path.of("/usr/bin/setsid")),
                "needs Linux (/proc, setsid)");
        for (Path jar : JARS) {
            assertThat(jar).as("built by the package phase before this test").isRegularFile();
        }
        environment = new LinkedHashMap<>(PORTS.environment(WORK));
        environment.put("GBFS_REPLAY_PORT", String.valueOf(REPLAY_PORT));
        environment.put("DEMO_BUILD", "never");
        stopEverything();
        TestFiles.deleteRecursively(WORK);
        Files.createDirectories(WORK);
    }

    @AfterAll
    static void stopWhatIsLeft() throws Exception {
        if (pipeline != null && pipeline.isAlive()) {
            // A test that failed before its Ctrl-C: SIGTERM lets the demo stop what it started.
            new ProcessBuilder("kill", "-TERM", "--", "-" + pipeline.pid())
                    .inheritIO()
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
            if (!pipeline.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                pipeline.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (environment != null) {
            stopEverything();
        }
    }

    @Test
    void ctrlCOnAPipedDemoStopsEverythingItStarted() throws Exception {
        pipeline = startDemoPiped();
        long groupId = pipeline.pid();
        // env, then setsid, then bash: the new group exists once setsid has run.
        Polling.await(
                "bin/demo's pipeline leading its own process group",
                Duration.ofSeconds(10),
                () -> processGroup(groupId) == groupId);

        Polling.await(
                "'velib-stream is running' in " + DEMO_LOG, START_TIMEOUT, DemoInterruptITCase::demoOutput, () -> {
                    assertThat(pipeline.isAlive())
                            .as("bin/demo ended early:\n%s", demoOutput())
                            .isTrue();
                    return demoOutput().contains("velib-stream is running") ? Optional.of(true) : Optional.empty();
                });
        Polling.await(
                "the job RUNNING and the results console started",
                Duration.ofMinutes(1),
                () -> jobRunning()
                        && LocalProcesses.using(WORK).stream()
                                .anyMatch(process -> process.commandLine().contains("results-console.jar")));

        List<LocalProcess> running = LocalProcesses.using(WORK);
        Set<Integer> ports = new TreeSet<>(List.of(
                PORTS.kafka(),
                PORTS.kafkaController(),
                PORTS.cassandra(),
                PORTS.cassandraStorage(),
                PORTS.cassandraJmx(),
                PORTS.flinkRest(),
                PORTS.flinkRpc(),
                REPLAY_PORT));
        Set<Integer> listened = new TreeSet<>();
        running.forEach(process -> listened.addAll(LocalProcesses.listeningPorts(process.pid())));
        assertThat(listened)
                .as("the demo's servers listen on their ports (processes: %s)", running)
                .containsAll(ports);
        ports.addAll(listened);

        long interrupted = System.nanoTime();
        signalGroup(groupId, "INT");
        boolean ended = pipeline.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<LocalProcess> left =
                Polling.readUntil(Duration.ofSeconds(ended ? 20 : 1), () -> LocalProcesses.using(WORK), List::isEmpty);
        Set<Integer> busy = Polling.readUntil(Duration.ofSeconds(10), () -> busy(ports), Set::isEmpty);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - interrupted);
        System.err.println("DemoInterruptITCase: bin/demo ended and its processes and ports were checked " + seconds
                + " s after Ctrl-C");

        String diagnosis = "\nbin/demo's stop log (" + STOP_LOG + "):\n" + read(STOP_LOG) + "\nend of its output:\n"
                + tail(demoOutput(), 30);
        assertThat(ended)
                .as("bin/demo | tee ended within %s of Ctrl-C%s", STOP_TIMEOUT, diagnosis)
                .isTrue();
        assertThat(left)
                .as("processes of the work folder %s left after Ctrl-C%s", WORK, diagnosis)
                .isEmpty();
        assertThat(busy)
                .as("ports of %s still in use after Ctrl-C (all the demo used: %s)%s", ports, ports, diagnosis)
                .isEmpty();
        assertThat(read(STOP_LOG)).as("the stop log says it stopped").contains("[demo] stopped");
    }

    /**
     * {@code bin/demo 2>&1 | tee demo.log} in a new session (so that its process id is the group's), with SIGINT and
     * SIGPIPE at their defaults as in a terminal.
     */
    private static Process startDemoPiped() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "env",
                        "--default-signal=INT,QUIT,PIPE",
                        "setsid",
                        "bash",
                        "-c",
                        "bin/demo 2>&1 | tee \"$1\"",
                        "demo",
                        DEMO_LOG.toString())
                .directory(REPOSITORY.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static boolean jobRunning() {
        for (JsonNode job :
                LocalHttp.getJson(PORTS.flinkRest(), "/jobs/overview").path("jobs")) {
            if (job.path("state").asText().equals("RUNNING")) {
                return true;
            }
        }
        return false;
    }

    private static Set<Integer> busy(Set<Integer> ports) {
        Set<Integer> busy = new TreeSet<>();
        for (int port : ports) {
            if (LocalProcesses.accepts(port)) {
                busy.add(port);
            }
        }
        return busy;
    }

    /** The process group of {@code pid}: the fifth field of /proc/pid/stat (after the command's parentheses). */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }

    /** What a terminal's Ctrl-C does: the signal to every process of the foreground group. */
    private static void signalGroup(long groupId, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + groupId)
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -%s -- -%d", signal, groupId)
                .isTrue();
    }

    /** bin/stack stop and bin/gbfs-replay stop with the demo's environment: a failed run leaves nothing behind. */
    private static void stopEverything() {
        LocalStack stack = new LocalStack(REPOSITORY, environment, MODULE.resolve("target/demo-interrupt-stop.log"));
        stack.runQuietly("gbfs-replay", "stop");
        stack.runQuietly("stack", "stop");
        List<LocalProcess> left = LocalProcesses.using(WORK);
        if (!left.isEmpty()) {
            System.err.println("DemoInterruptITCase: killing what is left of " + WORK + ": " + left);
            left.forEach(process -> ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static String demoOutput() {
        return read(DEMO_LOG);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file + ")";
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e + ")";
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = new ArrayList<>(text.lines().toList());
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
