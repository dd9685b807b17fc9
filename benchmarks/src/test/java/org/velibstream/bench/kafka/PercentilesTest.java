package org.velibstream.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverMilliseconds() {
        long[] oneToThousandMillis = LongStream.rangeClosed(1, 1000)
                .map(millis -> millis * 1_000_000)
                .toArray();

        assertThat(Percentiles.ofNanos(oneToThousandMillis)).isEqualTo(new Percentiles(1000, 500, 990, 999, 1000));
    }

    @Test
    void noSampleGivesNoFigure() {
        Percentiles none = Percentiles.ofNanos(new long[0]);

        assertThat(none.count()).isZero();
        assertThat(none.p50()).isNaN();
    }
}
