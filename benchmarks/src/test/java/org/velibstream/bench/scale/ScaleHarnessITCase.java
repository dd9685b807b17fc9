package org.velibstream.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.bench.BenchmarkPaths;

/**
 * CI's guard against rot for the scale test: the quick settings (3 systems, seconds-long intervals) run the whole
 * harness, replay server process included. Checked: every system's documents reached statistics rows, and every
 * figure was measured; never how fast.
 */
class ScaleHarnessITCase {

    @TempDir
    Path work;

    @Test
    void theQuickRunPollsEverySystemIntoStatisticsAndMeasuresIt() throws Exception {
        Path jar = BenchmarkPaths.repositoryRoot().resolve(ReplayServerProcess.JAR);
        assumeTrue(
                Files.isRegularFile(jar),
                jar + " is missing: the replay server runs from it ('mvn package' builds it"
                        + " before this module's integration tests in a reactor build)");
        assumeTrue(
                Files.isDirectory(Path.of("/proc/self")), "the scale harness reads CPU and memory from Linux's /proc");
        ScaleHarness.Settings settings = ScaleHarness.Settings.quick();

        ScaleHarness.Result result = new ScaleHarness(work).run(settings);

        assertThat(result.runs()).singleElement().satisfies(run -> {
            assertThat(run.systems()).isEqualTo(3);
            assertThat(run.stations()).isEqualTo(3 * settings.stationsPerSystem());
            assertThat(run.freshness().systemsCovered())
                    .as("systems whose documents reached a statistics row")
                    .isEqualTo(3);
            assertThat(run.freshness().lagSeconds(99)).isPositive();
            assertThat(run.freshness().closingLagsMillis())
                    .as("windows whose closing document was polled in the measured cycles")
                    .isNotEmpty();
            assertThat(run.statsRows()).isPositive();
            assertThat(run.deadLetters())
                    .as("dead letters of a healthy simulation")
                    .isZero();
            assertThat(run.jobCores()).isPositive();
            assertThat(run.serverCores()).isGreaterThanOrEqualTo(0);
            assertThat(run.peakHeapBytes()).isPositive();
            assertThat(run.peakServerRssBytes()).isPositive();
            assertThat(run.checkpoints().completed()).isNotEmpty().allSatisfy(checkpoint -> assertThat(
                            checkpoint.stateSizeBytes())
                    .isPositive());
        });
        assertThat(ScaleReport.table(result)).contains("| 3 | 450 |");
    }
}
