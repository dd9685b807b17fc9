package org.velibstream.job.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The latency knobs: their defaults, and the values that would stop event time or make no sense. */
class RuntimeSettingsTest {

    @Test
    void theDefaultsFlushBuffersAndWatermarksWithinTensOfMilliseconds() throws Exception {
        RuntimeSettings settings = RuntimeSettings.from(JobConfiguration.fromArgs(new String[0]));

        assertThat(settings.watermarkInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.bufferTimeout()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void theOptionsSetThem() throws Exception {
        RuntimeSettings settings = RuntimeSettings.from(
                JobConfiguration.fromArgs(new String[] {"--watermark-interval", "200 ms", "--buffer-timeout", "0 ms"}));

        assertThat(settings.watermarkInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.bufferTimeout())
                .as("0 flushes after every record, as Flink allows")
                .isZero();
    }

    @Test
    void aZeroWatermarkIntervalIsRefusedAsItWouldStopEventTime() {
        assertThatThrownBy(() ->
                        RuntimeSettings.from(JobConfiguration.fromArgs(new String[] {"--watermark-interval", "0 ms"})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--watermark-interval");
    }
}
