package org.velibstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's guard against rot: every benchmark runs for a moment (JMH in this JVM, one 100 ms iteration) and the job
 * harness runs on a tiny input. Only that they run and produce numbers is checked, never how fast.
 */
class BenchmarkSuiteITCase {

    @TempDir
    Path work;

    @Test
    void everyDecodingBenchmarkRunsAndReportsNumbers() throws Exception {
        DecodingInput input = DecodingInput.load();
        List<DecodingResult> results = new BenchmarkSuite(true).decoding(input);

        assertThat(results)
                .extracting(DecodingResult::benchmark)
                .containsExactly(
                        "floorPostalCodeSums",
                        "jobInformationPath",
                        "jobStatusPath",
                        "stationInformationDecoder",
                        "stationStatusDecoder");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.documentsPerSecond().median())
                    .as(result.benchmark())
                    .isPositive();
            assertThat(result.stationsPerSecond().median())
                    .as(result.benchmark())
                    .isPositive();
        });
        assertThat(MarkdownReport.decodingTable(results)).contains("| `floorPostalCodeSums` |", "1.00×");
    }

    @Test
    void theJobHarnessRunsTheJobAndReportsNumbers() throws Exception {
        BenchmarkSuite suite = new BenchmarkSuite(true);
        JobThroughputHarness.Result result = new JobThroughputHarness(work).run(suite.throughputSettings());

        assertThat(result.measurements()).singleElement().satisfies(measurement -> {
            assertThat(measurement.parallelism()).isEqualTo(1);
            assertThat(measurement.runs()).singleElement().satisfies(run -> {
                assertThat(run.records()).isEqualTo(3L * result.stations());
                assertThat(run.baselineRecords()).isEqualTo(result.stations());
                assertThat(run.statsRows()).isPositive();
                assertThat(run.recordsPerSecond()).isPositive();
                assertThat(run.sustainedRecordsPerSecond()).isFinite();
                assertThat(run.peakHeapBytes()).isPositive();
            });
        });
        assertThat(MarkdownReport.throughputTable(result)).contains("| 1 |");
    }
}
