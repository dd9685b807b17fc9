package org.velibstream.job.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** The explicit list of options holds every option declared, once; closed sets are enums that name their values. */
class JobOptionsTest {

    private static final List<Class<?>> OPTION_CLASSES = List.of(
            InputOptions.class,
            KafkaOptions.class,
            PipelineOptions.class,
            OutputOptions.class,
            CassandraOptions.class,
            RuntimeOptions.class);

    @Test
    void everyDeclaredOptionIsListedOnce() throws IllegalAccessException {
        List<ConfigOption<?>> declared = new ArrayList<>();
        for (Class<?> options : OPTION_CLASSES) {
            for (Field field : options.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                    declared.add((ConfigOption<?>) field.get(null));
                }
            }
        }
        assertThat(JobOptions.all())
                .as("JobOptions.all(): a declared option missing here is rejected as unknown")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void theListStartsWithTheInputsAndEndsWithTheRuntime() {
        List<String> keys = JobOptions.all().stream().map(ConfigOption::key).toList();
        assertThat(keys.subList(0, 3)).containsExactly("source", "gbfs", "gbfs-catalog");
        assertThat(keys.subList(keys.size() - 5, keys.size()))
                .containsExactly(
                        "watermark-interval", "buffer-timeout", "checkpoint-interval", "parallelism", "web-ui-port");
    }

    @Test
    void enumOptionsReadTheirValuesInAnyCase() throws Exception {
        assertThat(options("--kafka-starting-offsets", "latest").get(KafkaOptions.KAFKA_STARTING_OFFSETS))
                .isEqualTo(StartingOffsets.LATEST);
        assertThat(options("--kafka-starting-offsets", "EARLIEST").get(KafkaOptions.KAFKA_STARTING_OFFSETS))
                .isEqualTo(StartingOffsets.EARLIEST);
        assertThat(options("--source", "Files").get(InputOptions.SOURCE)).isEqualTo(SourceKind.FILES);
        assertThat(options("--kafka-sasl-mechanism", "scram-sha-256").get(KafkaOptions.KAFKA_SASL_MECHANISM))
                .isEqualTo(SaslMechanism.SCRAM_SHA_256);
    }

    @Test
    void aTypoInAnEnumOptionIsAnErrorListingTheAllowedValues() {
        assertThatThrownBy(() -> options("--kafka-starting-offsets", "lastest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-starting-offsets")
                .hasMessageContaining("lastest")
                .hasMessageContaining("earliest, latest");
        assertThatThrownBy(() -> options("--source", "htp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--source")
                .hasMessageContaining("http, kafka, both, files");
        assertThatThrownBy(() -> options("--kafka-sasl-mechanism", "GSSAPI"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-sasl-mechanism")
                .hasMessageContaining("SCRAM-SHA-512, SCRAM-SHA-256, PLAIN");
    }

    private static org.apache.flink.configuration.Configuration options(String... args) throws Exception {
        return JobConfiguration.fromArgs(args);
    }
}
