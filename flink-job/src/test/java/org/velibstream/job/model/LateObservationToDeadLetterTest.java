package org.velibstream.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.job.model.TestStations.station;

import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.junit.jupiter.api.Test;
import org.velibstream.job.model.LateObservationToDeadLetter.RejectedBy;

class LateObservationToDeadLetterTest {

    private static final StationObservation LATE = station("16107").observedAt("08:05:00");

    private static DeadLetter deadLetterFrom(RejectedBy rejectedBy) throws Exception {
        LateObservationToDeadLetter function = new LateObservationToDeadLetter(rejectedBy);
        function.open(DefaultOpenContext.INSTANCE);
        return function.map(LATE);
    }

    @Test
    void aLateObservationOfTheStatisticsNamesItsAreaAndTheWindow() throws Exception {
        DeadLetter deadLetter = deadLetterFrom(RejectedBy.STATISTICS);

        assertThat(deadLetter.source()).isEqualTo("area-stats velib/POSTAL_CODE/75001");
        assertThat(deadLetter.reason())
                .isEqualTo("late: the statistics window of this observation was already emitted"
                        + " (observed at 2024-11-19T08:05:00Z)");
        assertThat(deadLetter.payload()).contains("\"stationCode\":\"16107\"");
    }

    @Test
    void aLateObservationOfTheAlertsSaysTheAlertsRejectedIt() throws Exception {
        DeadLetter deadLetter = deadLetterFrom(RejectedBy.ALERTS);

        assertThat(deadLetter.source()).isEqualTo("station-alerts velib/16107");
        assertThat(deadLetter.reason())
                .startsWith("late: the station alerts")
                .doesNotContain("statistics")
                .endsWith("(observed at 2024-11-19T08:05:00Z)");
        assertThat(deadLetter.payload()).contains("\"stationCode\":\"16107\"");
    }

    @Test
    void theStatisticsMapperKeepsItsUidAndEachMapperHasItsOwn() {
        assertThat(RejectedBy.STATISTICS.uid()).isEqualTo("late-observations-to-dead-letters");
        assertThat(RejectedBy.ALERTS.uid()).isNotEqualTo(RejectedBy.STATISTICS.uid());
    }
}
