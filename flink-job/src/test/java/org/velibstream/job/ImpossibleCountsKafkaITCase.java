package org.velibstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.alerts.AlertState;
import org.velibstream.job.alerts.AlertType;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.job.testing.MiniClusters;
import org.velibstream.job.testing.TestKafka;

/**
 * A real producer puts Vélib'-shaped records of three stations of postal code 75016 on a real broker, one of them
 * reporting −3 bikes and 38 docks at its 35-dock station (what a real client once sent). The statistics row holds
 * the two good stations' sums and counts the third in {@code stations} and {@code inconsistentStations} only; the
 * alerts say {@code INCONSISTENT}, and no {@code SUDDEN_DROP} although the station had 12 bikes a moment before.
 */
class ImpossibleCountsKafkaITCase {

    private static final Instant T0 = Instant.parse("2024-11-19T08:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withTwoSlots();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RAW_TOPIC = "impossible-raw-" + RUN;
    private static final String STATS_TOPIC = "impossible-stats-" + RUN;
    private static final String ALERTS_TOPIC = "impossible-alerts-" + RUN;
    private static final String DEADLETTER_TOPIC = "impossible-deadletter-" + RUN;

    @Test
    void aNegativeCountIsLeftOutOfTheSumsCountedAsInconsistentAndStillAlerted() throws Exception {
        produce();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VelibStreamJob.build(
                env,
                JobConfiguration.fromArgs(TestKafka.jobReading(RAW_TOPIC, "it-" + RUN)
                        .with("--kafka-stop-at-latest")
                        .writingTo(STATS_TOPIC, ALERTS_TOPIC, DEADLETTER_TOPIC, "it-" + RUN)
                        .with("--checkpoint-interval", "1 s")
                        .toArray()));
        env.execute("impossible counts");

        List<AreaStats> stats = TestKafka.readCommitted(STATS_TOPIC, 1, AreaStats.class);
        // 16001 (26 docks): 5 bikes, 20 docks; 16002 (38 docks): 10 bikes, 25 docks; 16107: −3 bikes, 38 docks.
        assertThat(stats)
                .as("the good stations' sums; the station with −3 bikes counted as a station and as inconsistent")
                .containsExactly(new AreaStats(
                        "velib",
                        AreaKind.POSTAL_CODE,
                        "75016",
                        T0,
                        T0.plusSeconds(60),
                        3,
                        15,
                        7,
                        8,
                        45,
                        64,
                        0,
                        0,
                        0,
                        1));

        List<StationAlert> alerts = TestKafka.readCommitted(ALERTS_TOPIC, 1, StationAlert.class);
        assertThat(alerts)
                .as("INCONSISTENT, and no SUDDEN_DROP from 12 to −3")
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.stationCode()).isEqualTo("16107");
                    assertThat(alert.type()).isEqualTo(AlertType.INCONSISTENT);
                    assertThat(alert.state()).isEqualTo(AlertState.OPEN);
                    assertThat(alert.details())
                            .isEqualTo("NEGATIVE_BIKES, NEGATIVE_BIKE_TYPE_COUNT, docks 38 exceed capacity 35");
                });
    }

    private static void produce() throws Exception {
        TestKafka.createTopic(RAW_TOPIC);
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            send(producer, 5, KafkaPipelineITCase.entry(213688169L, "16107", 12, 6, 6, 23, 5));
            send(producer, 10, KafkaPipelineITCase.entry(488800137L, "16001", 5, 3, 2, 20, 10));
            send(producer, 20, KafkaPipelineITCase.entry(85015750L, "16002", 10, 4, 6, 25, 20));
            send(producer, 30, KafkaPipelineITCase.entry(213688169L, "16107", -3, -3, 0, 38, 30));
        }
    }

    private static void send(KafkaProducer<String, String> producer, long secondsAfterT0, String value)
            throws Exception {
        TestKafka.send(producer, RAW_TOPIC, null, T0.plusSeconds(secondsAfterT0), null, value);
    }
}
