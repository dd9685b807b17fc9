package org.velibstream.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreshnessLagsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long T0 = 1_732_003_200L; // 2024-11-19T08:00:00Z, a whole minute

    @Test
    void aDocumentsLagRunsFromItsFirstPollToTheLastRowOfItsSystemsWindow() {
        List<StatusPoll> polls = List.of(
                new StatusPoll(0, T0, T0 * 1000 + 5_000),
                new StatusPoll(0, T0, T0 * 1000 + 1_000), // the same document polled earlier: that poll counts
                new StatusPoll(1, T0, T0 * 1000 + 20_000));
        Map<FreshnessLags.SystemWindow, List<Long>> emissions = Map.of(
                window(0, T0), List.of(T0 * 1000 + 150_000, T0 * 1000 + 150_400),
                window(1, T0), List.of(T0 * 1000 + 150_400),
                window(2, T0), List.of(T0 * 1000 + 170_000)); // another system's rows: no bearing

        FreshnessLags lags = FreshnessLags.of(polls, emissions, MINUTE, 0, Long.MAX_VALUE);

        assertThat(lags.lagsMillis()).containsExactly(130_400, 149_400);
        assertThat(lags.documents()).isEqualTo(2);
        assertThat(lags.systemsCovered()).isEqualTo(2);
        assertThat(lags.sweepsMillis()).containsExactly(19_000);
        assertThat(lags.lagSeconds(50)).isEqualTo(130.4);
        assertThat(lags.lagSeconds(99)).isEqualTo(149.4);
    }

    @Test
    void documentsOutsideThePeriodOrWhoseWindowNeverClosedHaveNoLag() {
        long from = T0 * 1000 + 60_000;
        List<StatusPoll> polls = List.of(
                new StatusPoll(0, T0, T0 * 1000 + 1_000), // warm-up: left out
                new StatusPoll(0, T0 + 60, T0 * 1000 + 61_000), // measured
                new StatusPoll(1, T0 + 120, T0 * 1000 + 121_000)); // measured, its window not emitted
        Map<FreshnessLags.SystemWindow, List<Long>> emissions = Map.of(
                window(0, T0), List.of(T0 * 1000 + 140_000),
                window(0, T0 + 60), List.of(T0 * 1000 + 200_000),
                window(0, T0 + 120), List.of(T0 * 1000 + 260_000)); // system 0's, not system 1's

        FreshnessLags lags = FreshnessLags.of(polls, emissions, MINUTE, from, Long.MAX_VALUE);

        assertThat(lags.lagsMillis()).containsExactly(139_000);
        assertThat(lags.documents())
                .as("both measured documents count, emitted or not")
                .isEqualTo(2);
        assertThat(lags.systemsCovered()).isEqualTo(1);
    }

    @Test
    void aDocumentBelongsToTheWindowItsTimeFallsIn() {
        List<StatusPoll> polls = List.of(new StatusPoll(0, T0 + 30, T0 * 1000 + 31_000));
        Map<FreshnessLags.SystemWindow, List<Long>> emissions = Map.of(window(0, T0), List.of(T0 * 1000 + 100_000));

        FreshnessLags lags = FreshnessLags.of(polls, emissions, MINUTE, 0, Long.MAX_VALUE);

        assertThat(lags.lagsMillis()).containsExactly(69_000);
    }

    @Test
    void noLagGivesNaNRatherThanAFigure() {
        FreshnessLags lags = FreshnessLags.of(List.of(), Map.of(), MINUTE, 0, Long.MAX_VALUE);

        assertThat(lags.lagSeconds(99)).isNaN();
        assertThat(lags.medianSweepSeconds()).isNaN();
        assertThat(lags.systemsCovered()).isZero();
    }

    @Test
    void theClosingLagRunsFromThePollOfTheSystemsFirstDocumentAtOrPastTheWindowsEnd() {
        List<StatusPoll> polls = List.of(
                new StatusPoll(0, T0 + 10, T0 * 1000 + 11_000),
                new StatusPoll(0, T0 + 50, T0 * 1000 + 51_000),
                new StatusPoll(0, T0 + 60, T0 * 1000 + 62_000),
                new StatusPoll(0, T0 + 60, T0 * 1000 + 61_000), // its first poll closes window T0
                new StatusPoll(0, T0 + 130, T0 * 1000 + 131_000), // closes window T0 + 60
                new StatusPoll(1, T0 + 70, T0 * 1000 + 71_000)); // polled after its window's row left
        Map<FreshnessLags.SystemWindow, List<Long>> emissions = Map.of(
                window(0, T0), List.of(T0 * 1000 + 95_000, T0 * 1000 + 95_500),
                window(0, T0 + 60), List.of(T0 * 1000 + 150_000),
                window(0, T0 + 120), List.of(T0 * 1000 + 210_000), // no document closes it yet: no lag
                window(1, T0), List.of(T0 * 1000 + 50_000));

        FreshnessLags lags = FreshnessLags.of(polls, emissions, MINUTE, 0, Long.MAX_VALUE);

        assertThat(lags.closingLagsMillis()).containsExactly(-21_000, 19_000, 34_500);
        assertThat(lags.closingLagSeconds(100)).isEqualTo(34.5);
    }

    @Test
    void aWindowWhoseClosingPollIsOutsideThePeriodHasNoClosingLag() {
        long from = T0 * 1000 + 60_000;
        List<StatusPoll> polls = List.of(
                new StatusPoll(0, T0, T0 * 1000 + 1_000),
                new StatusPoll(0, T0 + 60, T0 * 1000 + 59_000), // closes window T0, before the period
                new StatusPoll(0, T0 + 120, T0 * 1000 + 121_000)); // closes window T0 + 60, in it
        Map<FreshnessLags.SystemWindow, List<Long>> emissions =
                Map.of(window(0, T0), List.of(T0 * 1000 + 100_000), window(0, T0 + 60), List.of(T0 * 1000 + 160_000));

        FreshnessLags lags = FreshnessLags.of(polls, emissions, MINUTE, from, Long.MAX_VALUE);

        assertThat(lags.closingLagsMillis()).containsExactly(39_000);
        assertThat(FreshnessLags.of(List.of(), Map.of(), MINUTE, 0, Long.MAX_VALUE)
                        .closingLagSeconds(99))
                .isNaN();
    }

    private static FreshnessLags.SystemWindow window(int system, long startEpochSecond) {
        return new FreshnessLags.SystemWindow(system, startEpochSecond * 1000);
    }
}
