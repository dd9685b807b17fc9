package org.velibstream.job.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class AlertThresholdsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(AlertThresholds.DEFAULTS)
                .isEqualTo(new AlertThresholds(
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofMinutes(15),
                        5,
                        0.5));
    }

    @Test
    void aSuddenDropIsAtLeastTheMinimumAndAtLeastTheFractionOfTheEarlierBikes() {
        assertThat(AlertThresholds.DEFAULTS.suddenDropFrom(4)).isEqualTo(5.0);
        assertThat(AlertThresholds.DEFAULTS.suddenDropFrom(10)).isEqualTo(5.0);
        assertThat(AlertThresholds.DEFAULTS.suddenDropFrom(13)).isEqualTo(6.5);
    }

    @Test
    void travelsWithTheFunctionToTheCluster() throws Exception {
        byte[] serialized = InstantiationUtil.serializeObject(AlertThresholds.DEFAULTS);

        assertThat(InstantiationUtil.<AlertThresholds>deserializeObject(
                        serialized, getClass().getClassLoader()))
                .isEqualTo(AlertThresholds.DEFAULTS);
    }

    @Test
    void rejectsThresholdsThatCannotBeMet() {
        Duration minute = Duration.ofMinutes(1);
        assertThatThrownBy(() -> new AlertThresholds(Duration.ZERO, minute, minute, minute, 5, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new AlertThresholds(minute, minute, minute, minute.negated(), 5, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("suddenDropWithin");
        assertThatThrownBy(() -> new AlertThresholds(minute, minute, minute, minute, 0, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("suddenDropMinBikes");
        assertThatThrownBy(() -> new AlertThresholds(minute, minute, minute, minute, 5, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("suddenDropFraction");
    }
}
