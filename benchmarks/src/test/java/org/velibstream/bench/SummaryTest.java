package org.velibstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void anOddCountHasItsMiddleValueAsMedian() {
        assertThat(Summary.of(new double[] {30, 10, 20})).isEqualTo(new Summary(20, 10, 30, 3));
    }

    @Test
    void anEvenCountAveragesItsTwoMiddleValues() {
        Summary summary = Summary.of(new double[] {40, 10, 20, 30});

        assertThat(summary.median()).isEqualTo(25);
        assertThat(summary.relativeSpread()).isEqualTo(30.0 / 25);
    }

    @Test
    void nothingToSummariseIsAnError() {
        assertThatThrownBy(() -> Summary.of(new double[0])).hasMessageContaining("no measurement");
    }
}
