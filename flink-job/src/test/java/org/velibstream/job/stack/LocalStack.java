package org.velibstream.job.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's {@code bin/} scripts (bin/stack, bin/flink, bin/gbfs-replay) as a user would, with one
 * environment (work folder, ports) for all of them. Every script's output is appended to one log file, and a
 * failing script fails with the end of its output.
 */
public final class LocalStack {

    private final Path repository;
    private final Map<String, String> environment;
    private final Path logFile;

    public LocalStack(Path repository, Map<String, String> environment, Path logFile) {
        this.repository = repository;
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    Path repository() {
        return repository;
    }

    /** Runs {@code bin/<script> args...} and returns its output; fails if it exits non-zero or outlives timeout. */
    public String run(Duration timeout, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repository.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(logFile.getParent(), script, ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        Files.writeString(logFile, "$ " + String.join(" ", command) + "\n" + text,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!finished || process.exitValue() != 0) {
            throw new IllegalStateException("bin/" + script + " " + String.join(" ", args)
                    + (finished ? " exited with " + process.exitValue() : " did not finish in " + timeout)
                    + "; its output ends with:\n" + tail(text, 40) + "\n(all output in " + logFile + ")");
        }
        return text;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
