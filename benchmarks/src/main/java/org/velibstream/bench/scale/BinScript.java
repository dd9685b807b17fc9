package org.velibstream.bench.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the repository's {@code bin/} scripts with extra environment, failing with its output if it fails. */
final class BinScript {

    private static final long TIMEOUT_SECONDS = 300;

    private BinScript() {}

    /** @return what the script printed (standard output and error) */
    static String run(Path repository, Map<String, String> environment, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repository.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        // Read while it runs: a script that fills the pipe would otherwise never end.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "bin/" + script + " " + String.join(" ", args) + " took more than " + TIMEOUT_SECONDS + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.err.print(text);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/" + script + " " + String.join(" ", args) + " failed with exit code "
                    + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
