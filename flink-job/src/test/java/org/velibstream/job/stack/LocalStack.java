package org.velibstream.job.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.velibstream.job.testing.TestFiles;

/**
 * Runs the repository's {@code bin/} scripts (bin/stack, bin/flink, bin/gbfs-replay) as a user would, with one
 * environment (work folder, ports) for all of them. Every script's output is appended to one log file, and a
 * failing script fails with the end of its output.
 */
public final class LocalStack {

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

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
        Files.writeString(
                logFile,
                "$ " + String.join(" ", command) + "\n" + text,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (!finished || process.exitValue() != 0) {
            throw new IllegalStateException("bin/" + script + " " + String.join(" ", args)
                    + (finished ? " exited with " + process.exitValue() : " did not finish in " + timeout)
                    + "; its output ends with:\n" + tail(text, 40) + "\n(all output in " + logFile + ")");
        }
        return text;
    }

    /** Runs a clean-up step that must not stop the next ones: a failure is printed; the command log has the details. */
    void runQuietly(String script, String... args) {
        try {
            run(Duration.ofMinutes(2), script, args);
        } catch (Exception e) {
            System.err.println("clean-up: " + e.getMessage());
        }
    }

    /** Runs {@code bin/flink run -d runArgs...} and returns the id of the job it submitted. */
    String submitJob(String... runArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        args.addAll(List.of(runArgs));
        String submitted = run(Duration.ofMinutes(3), "flink", args.toArray(String[]::new));
        Matcher id = JOB_ID.matcher(submitted);
        if (!id.find()) {
            throw new IllegalStateException("bin/flink run printed no job id:\n" + submitted);
        }
        return id.group(1);
    }

    /**
     * Runs {@code bin/flink stop} for {@code jobId} with a savepoint in {@code savepoints} and returns the
     * savepoint's folder; {@code options} go before the job id (for example {@code --drain}).
     */
    Path stopWithSavepoint(String jobId, Path savepoints, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(
                List.of("stop", "--savepointPath", savepoints.toUri().toString()));
        args.addAll(List.of(options));
        args.add(jobId);
        String stopped = run(Duration.ofMinutes(3), "flink", args.toArray(String[]::new));
        Matcher savepoint = SAVEPOINT.matcher(stopped);
        if (!savepoint.find()) {
            throw new IllegalStateException("bin/flink stop printed no savepoint:\n" + stopped);
        }
        return Path.of(URI.create(savepoint.group(1)));
    }

    /**
     * Deletes what the servers of a stopped stack stored in its work folder (topics, tables, checkpoints,
     * savepoints): a previous run's leftovers would answer a test's checks with old rows.
     */
    void deleteServerData() throws IOException {
        Path work = Path.of(environment.get("VELIB_WORK"));
        for (String data : List.of("kafka/data", "cassandra/data", "flink/checkpoints", "savepoints")) {
            TestFiles.deleteRecursively(work.resolve(data));
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
