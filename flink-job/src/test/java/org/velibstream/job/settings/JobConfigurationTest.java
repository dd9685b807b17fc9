package org.velibstream.job.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWithoutArguments() throws Exception {
        Configuration config = JobConfiguration.fromArgs(new String[0]);
        assertThat(config.get(PipelineOptions.WINDOW)).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.get(OutputOptions.SINK)).containsExactly(SinkKind.KAFKA, SinkKind.CASSANDRA);
        assertThat(config.get(KafkaOptions.STATS_TOPIC)).isEqualTo("velib-projet-final-data");
    }

    @Test
    void commandLineWinsOverTheConfigFile() throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "window=5 min\nraw-topic=from-file\n");
        Configuration config = JobConfiguration.fromArgs(
                new String[] {"--config", file.toString(), "--raw-topic", "from-command-line", "--publish-raw"});
        assertThat(config.get(PipelineOptions.WINDOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.get(KafkaOptions.RAW_TOPIC)).isEqualTo("from-command-line");
        assertThat(config.get(KafkaOptions.PUBLISH_RAW)).isTrue();
    }

    @Test
    void listsAreSeparatedBySemicolons() throws Exception {
        Configuration config =
                JobConfiguration.fromArgs(new String[] {"--station-filter", "16107;32017", "--sink", "jsonl;print"});
        assertThat(config.get(PipelineOptions.STATION_FILTER)).containsExactly("16107", "32017");
        assertThat(config.get(OutputOptions.SINK)).containsExactly(SinkKind.JSONL, SinkKind.PRINT);
    }

    @Test
    void unknownOptionsAreRejectedByName() {
        assertThatThrownBy(() -> JobConfiguration.fromArgs(new String[] {"--windwo", "1 min"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windwo");
    }

    @Test
    void malformedValuesAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> JobConfiguration.fromArgs(new String[] {"--window", "soon"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--window")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> JobConfiguration.fromArgs(new String[] {"--sink", "kafak"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--sink");
    }

    @Test
    void aValueMustFollowTheName() {
        assertThatThrownBy(() -> JobConfiguration.fromArgs(new String[] {"window"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--name value");
    }

    @Test
    void helpIsRecognisedBeforeAnyParsing() {
        assertThat(JobConfiguration.wantsHelp(new String[] {"--window", "oops", "--help"}))
                .isTrue();
        assertThat(JobConfiguration.wantsHelp(new String[] {"--window", "1 min"}))
                .isFalse();
    }
}
