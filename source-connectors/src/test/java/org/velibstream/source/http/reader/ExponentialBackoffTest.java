package org.velibstream.source.http.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

    private final ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void doublesWithEachFailureWithinTheJitterBand() {
        assertThat(backoff.delayAfter(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(1, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(4, 0.5)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void neverExceedsTheCapEvenAfterManyFailures() {
        assertThat(backoff.delayAfter(7, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(1_000, 0.999)).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> backoff.delayAfter(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delayAfter(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
