package org.velibstream.job.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;

/**
 * Kafka client settings shared by the job's source, sinks, topic creation and preflight: the bootstrap servers, the
 * security the options ask for ({@code --kafka-sasl-username}, {@code --kafka-truststore}, with passwords from
 * {@link Secrets}), and the optional {@code --kafka-properties} file. Passwords never pass through Flink's
 * configuration: they live in the clients' properties only, which Kafka logs as {@code [hidden]}.
 */
public final class KafkaClientProperties {

    public static final String SASL_PASSWORD_VARIABLE = "VELIB_KAFKA_SASL_PASSWORD";
    public static final String TRUSTSTORE_PASSWORD_VARIABLE = "VELIB_KAFKA_TRUSTSTORE_PASSWORD";

    private KafkaClientProperties() {}

    /**
     * The client properties the options and the given secrets give. The job calls this once, in {@link KafkaSettings};
     * nothing else reads Kafka options again.
     */
    static Properties load(Configuration config, Secrets secrets) {
        Properties properties = new Properties();
        config.getOptional(KafkaOptions.KAFKA_PROPERTIES).ifPresent(file -> {
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read --kafka-properties " + file, e);
            }
        });
        Properties security = security(config, secrets);
        for (String key : security.stringPropertyNames()) {
            if (properties.containsKey(key)) {
                throw new IllegalArgumentException(
                        "--kafka-properties sets " + key + ", which --kafka-sasl-username and "
                                + "--kafka-truststore already decide: remove it from the file, or configure security in the file only");
            }
        }
        properties.putAll(security);
        properties.setProperty("bootstrap.servers", config.get(KafkaOptions.KAFKA_BOOTSTRAP));
        return properties;
    }

    private static Properties security(Configuration config, Secrets secrets) {
        Properties security = new Properties();
        String username = config.get(KafkaOptions.KAFKA_SASL_USERNAME);
        String truststore = config.get(KafkaOptions.KAFKA_TRUSTSTORE);
        if (username == null && truststore == null) {
            return security;
        }
        // Kafka's default too; set so that a properties file cannot quietly turn host name verification off.
        security.setProperty("ssl.endpoint.identification.algorithm", "https");
        if (truststore != null) {
            security.setProperty("ssl.truststore.type", "PKCS12");
            security.setProperty("ssl.truststore.location", truststore);
            security.setProperty(
                    "ssl.truststore.password", secrets.require(TRUSTSTORE_PASSWORD_VARIABLE, "--kafka-truststore"));
        }
        if (username == null) {
            security.setProperty("security.protocol", "SSL");
            return security;
        }
        SaslMechanism mechanism = config.get(KafkaOptions.KAFKA_SASL_MECHANISM);
        String password = secrets.require(SASL_PASSWORD_VARIABLE, "--kafka-sasl-username");
        security.setProperty("security.protocol", "SASL_SSL");
        security.setProperty("sasl.mechanism", mechanism.toString());
        security.setProperty(
                "sasl.jaas.config",
                mechanism.loginModule() + " required username=\"" + jaasQuoted(username) + "\" password=\""
                        + jaasQuoted(password) + "\";");
        return security;
    }

    /** JAAS reads quoted values with backslash escapes. */
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
