package org.velibstream.bench.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A peer run as its own process on the same topic (the Spark Structured Streaming peer of
 * {@code benchmarks/spark-peer}). It is called as
 * {@code <command> --bootstrap <servers> --topic <raw topic> --stations <csv> --window <duration> --expected-records N}
 * and must print, as its last line on stdout, one JSON object with at least {@code records} and {@code seconds}: the
 * records it processed and the time from its first to its last. Its CPU and memory are not measured here.
 *
 * @param command the program and its own leading arguments, for example {@code java -jar spark-peer.jar}
 */
public record ExternalPeer(String name, List<String> command, Path stationsCsv, Duration window, Duration timeout) {

    /** What the peer reported. */
    public record Result(EngineRun run, JsonNode report) {}

    public ExternalPeer {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an external peer needs a command");
        }
    }

    /** A peer packaged as a runnable jar, started with this JVM's {@code java}. */
    public static ExternalPeer javaJar(String name, Path jar, Path stationsCsv, Duration window) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ExternalPeer(
                name, List.of(java, "-jar", jar.toString()), stationsCsv, window, Duration.ofMinutes(15));
    }

    public Result run(String bootstrap, String topic, long expectedRecords) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(command);
        arguments.addAll(List.of(
                "--bootstrap",
                bootstrap,
                "--topic",
                topic,
                "--stations",
                stationsCsv.toString(),
                "--window",
                window.toSeconds() + "s",
                "--expected-records",
                Long.toString(expectedRecords)));
        Path output = Files.createTempFile("velib-peer-", ".out");
        try {
            Process process = new ProcessBuilder(arguments)
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(name + " did not end within " + timeout);
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
            if (process.exitValue() != 0 || lines.isEmpty()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " and printed "
                        + (lines.isEmpty() ? "nothing" : lines.get(lines.size() - 1)));
            }
            return parse(lines.get(lines.size() - 1));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    Result parse(String line) throws IOException {
        JsonNode report = new ObjectMapper().readTree(line);
        if (report == null || !report.hasNonNull("records") || !report.hasNonNull("seconds")) {
            throw new IllegalStateException(name + " printed no JSON result with records and seconds: " + line);
        }
        Duration elapsed = Duration.ofNanos((long) (report.get("seconds").asDouble() * 1e9));
        return new Result(new EngineRun(report.get("records").asLong(), elapsed, Duration.ZERO, 0), report);
    }
}
