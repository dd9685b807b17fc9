package org.velibstream.job.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.velibstream.job.alerts.AlertThresholds;

/** The typed settings main resolves once from the options and the secrets. */
class JobSettingsTest {

    private static final Secrets NO_SECRETS = new Secrets(Map.of());

    @Test
    void aReplayToFilesNeedsNeitherKafkaNorCassandra() throws Exception {
        JobSettings settings = settings("--source", "files", "--sink", "jsonl", "--kafka-sasl-username", "velib");

        assertThat(settings.kafka())
                .as("no Kafka, so no Kafka password asked for")
                .isNull();
        assertThat(settings.cassandra()).isNull();
        assertThat(settings.input().kind()).isEqualTo(SourceKind.FILES);
        assertThat(settings.input().systems())
                .as("GBFS systems are only read when polling")
                .isEmpty();
        assertThat(settings.output().sinks()).containsExactly(SinkKind.JSONL);
    }

    @Test
    void theDefaultsPollVelibAndWriteToKafkaAndCassandra() throws Exception {
        JobSettings settings = settings();

        assertThat(settings.input().systems()).singleElement().satisfies(system -> assertThat(system.id())
                .isEqualTo("velib"));
        assertThat(settings.requireKafka().startingOffsets()).isEqualTo(StartingOffsets.EARLIEST);
        assertThat(settings.requireKafka().clientProperties()).containsEntry("bootstrap.servers", "localhost:9092");
        assertThat(settings.requireCassandra().keyspace()).isEqualTo("velib");
        assertThat(settings.pipeline()).isEqualTo(PipelineSettings.defaults());
        assertThat(settings.pipeline().alertThresholds()).isEqualTo(AlertThresholds.DEFAULTS);
        assertThat(settings.runtime().exactlyOnce()).isTrue();
    }

    @Test
    void sinksAreEachTakenOnceInTheirOrder() throws Exception {
        assertThat(settings("--sink", "print;jsonl;print", "--output", "out")
                        .output()
                        .sinks())
                .containsExactly(SinkKind.JSONL, SinkKind.PRINT);
    }

    @Test
    void passwordsAreAskedForOnlyByWhatUsesThem() {
        assertThatThrownBy(() -> settings("--sink", "cassandra", "--source", "files", "--cassandra-username", "velib"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CassandraSettings.PASSWORD_VARIABLE);
        assertThatThrownBy(() -> settings("--sink", "jsonl", "--source", "kafka", "--kafka-sasl-username", "velib"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KafkaClientProperties.SASL_PASSWORD_VARIABLE);
    }

    @Test
    void secretsNeverShowInTheSettingsText() throws Exception {
        Secrets secrets = new Secrets(Map.of(
                KafkaClientProperties.SASL_PASSWORD_VARIABLE, "kafka-secret",
                CassandraSettings.PASSWORD_VARIABLE, "cassandra-secret"));
        JobSettings settings = JobSettings.from(
                JobConfiguration.fromArgs(
                        new String[] {"--kafka-sasl-username", "velib", "--cassandra-username", "velib"}),
                secrets);

        assertThat(settings.requireKafka().clientProperties().getProperty("sasl.jaas.config"))
                .contains("kafka-secret");
        assertThat(settings.toString()).doesNotContain("kafka-secret").doesNotContain("cassandra-secret");
    }

    @Test
    void aBadTimeZoneNamesTheOption() {
        assertThatThrownBy(() -> settings("--source", "files", "--sink", "cassandra", "--time-zone", "Paris"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--time-zone");
    }

    @Test
    void theClockSkewIsOneMinuteByDefaultAndMustBePositive() throws Exception {
        assertThat(settings().input().maxClockSkew().limit()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings("--max-clock-skew", "10 s").input().maxClockSkew().limit())
                .isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> settings("--max-clock-skew", "0 s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--max-clock-skew must be positive (a wrong clock would otherwise move event time without "
                        + "bound), got 0 ms");
        for (String notPositive : new String[] {"0 s", "-1 min"}) {
            assertThatThrownBy(() -> settings("--max-clock-skew", notPositive))
                    .as("--max-clock-skew %s", notPositive)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--max-clock-skew");
        }
    }

    @Test
    void checkpointsOffMeansAtLeastOnce() throws Exception {
        assertThat(settings("--checkpoint-interval", "0 s").runtime().exactlyOnce())
                .isFalse();
        assertThat(settings("--checkpoint-interval", "10 s").runtime().checkpointInterval())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void alertmanagerUrlsAreCheckedAtSubmission() throws Exception {
        assertThat(settings().output().alertmanagers()).as("none by default").isEmpty();
        assertThat(settings("--alertmanager-url", "http://127.0.0.1:9093, http://am2:9093")
                        .output()
                        .alertmanagers())
                .extracting(Object::toString)
                .containsExactly("http://127.0.0.1:9093", "http://am2:9093");
        assertThat(settings("--alertmanager-refresh", "20 s").output().alertmanagerRefresh())
                .isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> settings("--alertmanager-url", "127.0.0.1:9093"))
                .hasMessageContaining("--alertmanager-url: '127.0.0.1:9093' is not an http(s) URL with a host");
        assertThatThrownBy(() -> settings("--alertmanager-refresh", "0 s"))
                .hasMessageContaining("--alertmanager-refresh must be positive");
    }

    private static JobSettings settings(String... args) throws Exception {
        return JobSettings.from(JobConfiguration.fromArgs(args), NO_SECRETS);
    }
}
