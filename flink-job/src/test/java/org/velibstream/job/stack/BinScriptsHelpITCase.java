package org.velibstream.job.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script in {@code bin/} answers {@code --help} and {@code -h} with its usage on stdout and status 0, without
 * starting anything. An ITCase because bin/flink and bin/gbfs-replay add the usage of the program they run, which
 * needs the built jars and Flink's resolved class path; it takes seconds.
 */
class BinScriptsHelpITCase {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Path WORK = Path.of("target/bin-help").toAbsolutePath();

    static Stream<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("bin"))) {
            return files
                    .filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "bin/{0} --help and -h")
    @MethodSource("scripts")
    void answersHelpWithItsUsage(String script) throws Exception {
        for (String option : List.of("--help", "-h")) {
            Path output = Files.createTempFile(Files.createDirectories(WORK), script, ".out");
            ProcessBuilder builder = new ProcessBuilder(
                            REPOSITORY.resolve("bin").resolve(script).toString(), option)
                    .directory(REPOSITORY.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            // Where bin/flink keeps its client log: never the repository's .work.
            builder.environment().put("VELIB_WORK", WORK.toString());
            Process process = builder.start();
            boolean finished = process.waitFor(2, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String usage = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("bin/%s %s finished", script, option).isTrue();
            assertThat(process.exitValue())
                    .as("bin/%s %s exit status; its output:\n%s", script, option, usage)
                    .isZero();
            assertThat(usage.strip())
                    .as("bin/%s %s prints its usage", script, option)
                    .isNotEmpty();
            if (script.equals("gbfs-replay")) {
                assertThat(usage)
                        .as("bin/gbfs-replay --help lists the server's options")
                        .contains("--simulate");
            }
            if (script.equals("flink")) {
                assertThat(usage).as("bin/flink --help lists Flink's actions").contains("Action \"run\"");
            }
        }
    }
}
