package org.velibstream.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.velibstream.job.ingest.MaxClockSkew;
import org.velibstream.job.metrics.CountDeadLetters.ReasonClass;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.model.LateObservationToDeadLetter.RejectedBy;

class CountDeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void classifiesEachReasonTheJobWrites() {
        String clockAhead = new MaxClockSkew(Duration.ofMinutes(1)).aheadReason(NOW.plusSeconds(3_600), NOW);
        assertThat(ReasonClass.of(letter(clockAhead))).isEqualTo(ReasonClass.CLOCK_AHEAD);
        for (RejectedBy rejectedBy : RejectedBy.values()) {
            assertThat(ReasonClass.of(letter(rejectedBy.reasonPrefix() + " (observed at " + NOW + ")")))
                    .isEqualTo(ReasonClass.LATE);
        }
        assertThat(ReasonClass.of(letter("missing num_docks_available"))).isEqualTo(ReasonClass.INVALID);
        assertThat(ReasonClass.of(letter("not JSON: Unexpected character"))).isEqualTo(ReasonClass.INVALID);
    }

    @Test
    void labelsArePrometheusStyle() {
        assertThat(ReasonClass.CLOCK_AHEAD.label()).isEqualTo("clock_ahead");
    }

    private static DeadLetter letter(String reason) {
        return new DeadLetter("http velib/station_status", reason, "{}", NOW);
    }
}
