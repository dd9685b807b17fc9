package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CassandraWriteOptionsTest {

    private final CassandraWriteOptions options = new CassandraWriteOptions(
            DefaultConsistencyLevel.ONE, Duration.ofSeconds(1), 8, 10, Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCap() {
        assertThat(options.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(options.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(options.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(options.backoffAfter(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(options.backoffAfter(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(options.backoffAfter(40)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void backoffIsOnlyDefinedAfterAFailure() {
        assertThatThrownBy(() -> options.backoffAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonPositiveDurationsAndCounts() {
        assertThatThrownBy(() -> new CassandraWriteOptions(
                        DefaultConsistencyLevel.ONE,
                        Duration.ZERO,
                        8,
                        3,
                        Duration.ofMillis(100),
                        Duration.ofMillis(1000)))
                .hasMessageContaining("request timeout must be positive");
        assertThatThrownBy(() -> new CassandraWriteOptions(
                        DefaultConsistencyLevel.ONE,
                        Duration.ofSeconds(1),
                        8,
                        0,
                        Duration.ofMillis(100),
                        Duration.ofMillis(1000)))
                .hasMessageContaining("max attempts must be at least 1");
    }
}
