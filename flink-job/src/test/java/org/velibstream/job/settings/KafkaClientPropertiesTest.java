package org.velibstream.job.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    private static final Secrets SECRETS = new Secrets(Map.of(
            KafkaClientProperties.SASL_PASSWORD_VARIABLE, "pa\"ss\\word",
            KafkaClientProperties.TRUSTSTORE_PASSWORD_VARIABLE, "store-password"));

    @TempDir
    Path folder;

    @Test
    void withoutSecurityOptionsTheClientsSpeakPlaintext() throws Exception {
        Properties properties = KafkaClientProperties.load(options("--kafka-bootstrap", "kafka:9092"), SECRETS);

        assertThat(properties).containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void aUserMeansScramOverTlsWithTheHostNameVerified() throws Exception {
        Properties properties = KafkaClientProperties.load(
                options(
                        "--kafka-bootstrap",
                        "kafka:9094",
                        "--kafka-sasl-username",
                        "velib",
                        "--kafka-truststore",
                        "/etc/velib/kafka-ca.p12"),
                SECRETS);

        assertThat(properties)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required "
                                + "username=\"velib\" password=\"pa\\\"ss\\\\word\";")
                .containsEntry("ssl.truststore.location", "/etc/velib/kafka-ca.p12")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "store-password")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
    }

    @Test
    void plainUsesItsOwnLoginModuleAndATruststoreAloneMeansTlsWithoutSasl() throws Exception {
        assertThat(KafkaClientProperties.load(
                                options("--kafka-sasl-username", "velib", "--kafka-sasl-mechanism", "PLAIN"), SECRETS)
                        .getProperty("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(KafkaClientProperties.load(options("--kafka-truststore", "ca.p12"), SECRETS))
                .containsEntry("security.protocol", "SSL")
                .doesNotContainKey("sasl.jaas.config");
    }

    @Test
    void anUnknownMechanismOrAMissingPasswordStopsTheJobNamingTheOption() {
        assertThatThrownBy(() -> KafkaClientProperties.load(
                        options("--kafka-sasl-username", "velib", "--kafka-sasl-mechanism", "GSSAPI"), SECRETS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-sasl-mechanism");
        assertThatThrownBy(() ->
                        KafkaClientProperties.load(options("--kafka-sasl-username", "velib"), new Secrets(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-sasl-username needs a password")
                .hasMessageContaining(KafkaClientProperties.SASL_PASSWORD_VARIABLE);
    }

    @Test
    void thePropertiesFileMayNotSetWhatTheSecurityOptionsDecide() throws Exception {
        Path file = Files.writeString(
                folder.resolve("kafka.properties"), "compression.type=zstd\nssl.endpoint.identification.algorithm=\n");

        assertThatThrownBy(() -> KafkaClientProperties.load(
                        options("--kafka-properties", file.toString(), "--kafka-sasl-username", "velib"), SECRETS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-properties sets ssl.endpoint.identification.algorithm");
        assertThat(KafkaClientProperties.load(options("--kafka-properties", file.toString()), SECRETS))
                .containsEntry("compression.type", "zstd");
    }

    private static Configuration options(String... args) throws Exception {
        return JobConfiguration.fromArgs(args);
    }
}
