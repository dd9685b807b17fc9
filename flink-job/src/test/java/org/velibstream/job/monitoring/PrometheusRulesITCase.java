package org.velibstream.job.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of {@code monitoring/prometheus/rules} checked and unit-tested by Prometheus' own {@code promtool}
 * (Debian's {@code prometheus} package; CI installs it): every rule file is valid, has its test file in {@code
 * monitoring/prometheus/tests}, and passes it; {@code prometheus.yml} loads them.
 */
class PrometheusRulesITCase {

    private static final Path PROMETHEUS =
            Path.of(System.getProperty("user.dir")).getParent().resolve("monitoring/prometheus");

    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder, "promtool");
            if (Files.isExecutable(candidate)) {
                promtool = candidate;
            }
        }
        if (promtool == null) {
            System.err.println("PrometheusRulesITCase skipped: no promtool on the PATH "
                    + "(Debian: apt-get install prometheus; .ci/run installs it)");
        }
        Assumptions.assumeTrue(promtool != null, "promtool is not installed");
    }

    @Test
    void everyRuleFileIsValid() throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        ruleFiles().forEach(file -> command.add(file.toString()));
        assertThat(run(command)).contains("SUCCESS");
    }

    @Test
    void everyRuleFileHasItsTestFileAndPassesIt() throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        for (Path rules : ruleFiles()) {
            Path test = PROMETHEUS
                    .resolve("tests")
                    .resolve(rules.getFileName().toString().replace(".yml", ".test.yml"));
            assertThat(test)
                    .as("the promtool test file of %s", rules.getFileName())
                    .isRegularFile();
            command.add(test.toString());
        }
        assertThat(run(command)).doesNotContain("FAILED");
    }

    @Test
    void prometheusConfigurationLoadsTheRules() throws Exception {
        String output = run(List.of(
                promtool.toString(),
                "check",
                "config",
                PROMETHEUS.resolve("prometheus.yml").toString()));
        for (Path rules : ruleFiles()) {
            assertThat(output)
                    .as("promtool check config's list of rule files")
                    .contains(rules.getFileName().toString());
        }
    }

    private static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROMETHEUS.resolve("rules"))) {
            List<Path> rules = files.filter(file -> file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
            assertThat(rules).as("rule files").isNotEmpty();
            return rules;
        }
    }

    /** The command's output (stdout and stderr); fails the test when it exits with an error. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(PROMETHEUS.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", command)
                .isTrue();
        assertThat(process.exitValue())
                .as("exit code of %s:%n%s", command, output)
                .isZero();
        return output;
    }
}
