package org.velibstream.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleOptionsTest {

    @Test
    void defaultsAreTheJobs() {
        ConsoleOptions options = ConsoleOptions.parse();

        assertThat(options)
                .isEqualTo(new ConsoleOptions(
                        "localhost:9092",
                        null,
                        "velib-projet-final-data",
                        "velib-alerts",
                        SystemZones.of(ZoneId.of("Europe/Paris")),
                        null,
                        null));
        assertThat(options.jobWatch()).isEmpty();
    }

    @Test
    void readsEveryOption() {
        ConsoleOptions options = ConsoleOptions.parse(
                "--kafka-bootstrap", "127.0.0.1:19092",
                "--kafka-properties", "client.properties",
                "--stats-topic", "stats",
                "--alerts-topic", "alerts",
                "--time-zone", "UTC",
                "--flink-rest", "http://127.0.0.1:8081",
                "--job-id", "0123456789abcdef0123456789abcdef");

        assertThat(options)
                .isEqualTo(new ConsoleOptions(
                        "127.0.0.1:19092",
                        Path.of("client.properties"),
                        "stats",
                        "alerts",
                        SystemZones.of(ZoneId.of("UTC")),
                        URI.create("http://127.0.0.1:8081"),
                        "0123456789abcdef0123456789abcdef"));
        assertThat(options.jobWatch()).isPresent();
    }

    @Test
    void watchesAJobOnlyWithBothItsClusterAndItsId() {
        assertThatThrownBy(() -> ConsoleOptions.parse("--flink-rest", "http://127.0.0.1:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--flink-rest and --job-id go together");
        assertThatThrownBy(() -> ConsoleOptions.parse("--job-id", "0123456789abcdef0123456789abcdef"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--flink-rest and --job-id go together");
        assertThatThrownBy(() -> ConsoleOptions.parse("--flink-rest", "127.0.0.1:8081", "--job-id", "ab"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--flink-rest");
    }

    @Test
    void rejectsAnUnknownOptionByName() {
        assertThatThrownBy(() -> ConsoleOptions.parse("--kafka-sasl-username", "velib"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown option '--kafka-sasl-username'")
                .hasMessageContaining("--kafka-properties");
    }

    @Test
    void rejectsAMissingValue() {
        assertThatThrownBy(() -> ConsoleOptions.parse("--stats-topic", "--alerts-topic", "alerts"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--stats-topic needs a value");
        assertThatThrownBy(() -> ConsoleOptions.parse("--time-zone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--time-zone needs a value");
    }

    @Test
    void readsAZonePerSystem() {
        SystemZones zones = ConsoleOptions.parse("--time-zone", "baywheels=America/Los_Angeles;UTC;velib=Europe/Paris")
                .timeZones();

        assertThat(zones.zoneOf("baywheels")).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(zones.zoneOf("velib")).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(zones.zoneOf("citibike"))
                .as("a bare zone is every other system's")
                .isEqualTo(ZoneId.of("UTC"));
        assertThat(ConsoleOptions.parse("--time-zone", "baywheels=America/Los_Angeles")
                        .timeZones()
                        .zoneOf("velib"))
                .as("the default for systems not listed")
                .isEqualTo(ZoneId.of("Europe/Paris"));
        assertThatThrownBy(() -> ConsoleOptions.parse("--time-zone", "baywheels=Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'baywheels=Mars/Olympus'");
    }

    @Test
    void rejectsABadTimeZone() {
        assertThatThrownBy(() -> ConsoleOptions.parse("--time-zone", "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--time-zone");
    }

    @Test
    void seesHelp() {
        assertThat(ConsoleOptions.wantsHelp("--kafka-bootstrap", "x:1", "--help"))
                .isTrue();
        assertThat(ConsoleOptions.wantsHelp("-h")).isTrue();
        assertThat(ConsoleOptions.wantsHelp("--kafka-bootstrap", "x:1")).isFalse();
    }

    @Test
    void clientPropertiesComeFromTheFileWithTheBootstrapOfTheOption(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nbootstrap.servers=elsewhere:9092\n");

        Properties properties = ConsoleOptions.parse(
                        "--kafka-bootstrap", "broker:9093", "--kafka-properties", file.toString())
                .kafkaClientProperties();

        assertThat(properties)
                .containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "broker:9093");
    }

    @Test
    void consumerReadsCommittedRecordsWithoutAGroup() throws Exception {
        Properties properties = ResultsConsole.consumerProperties(ConsoleOptions.parse());

        assertThat(properties)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("bootstrap.servers", "localhost:9092")
                .doesNotContainKey("group.id");
    }
}
