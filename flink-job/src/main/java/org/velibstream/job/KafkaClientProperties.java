package org.velibstream.job;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.velibstream.job.options.JobOptions;
import org.velibstream.job.options.Secrets;

/**
 * Kafka client settings shared by the job's source, sinks, topic creation and console: the bootstrap servers, the
 * security the options ask for ({@code --kafka-sasl-username}, {@code --kafka-truststore}, with passwords from
 * {@link Secrets}), and the optional {@code --kafka-properties} file. Passwords never pass through Flink's
 * configuration: they live in the clients' properties only, which Kafka logs as {@code [hidden]}.
 */
public final class KafkaClientProperties {

    static final String SASL_PASSWORD_VARIABLE = "VELIB_KAFKA_SASL_PASSWORD";
    static final String TRUSTSTORE_PASSWORD_VARIABLE = "VELIB_KAFKA_TRUSTSTORE_PASSWORD";

    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");
    /** Settings the security options own; the properties file may not set them too. */
    private static final List<String> SECURITY_KEYS = List.of(
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "ssl.truststore.location",
            "ssl.truststore.password",
            "ssl.truststore.type",
            "ssl.endpoint.identification.algorithm");

    private KafkaClientProperties() {}

    public static Properties load(Configuration config) {
        return load(config, Secrets.fromEnvironment());
    }

    static Properties load(Configuration config, Secrets secrets) {
        Properties properties = new Properties();
        config.getOptional(JobOptions.KAFKA_PROPERTIES).ifPresent(file -> {
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
        properties.setProperty("bootstrap.servers", config.get(JobOptions.KAFKA_BOOTSTRAP));
        return properties;
    }

    /** Who the job logs in as, for messages: {@code user velib (SCRAM-SHA-512)}, or null without SASL options. */
    static String saslIdentity(Configuration config) {
        String username = config.get(JobOptions.KAFKA_SASL_USERNAME);
        return username == null ? null : "user " + username + " (" + config.get(JobOptions.KAFKA_SASL_MECHANISM) + ")";
    }

    private static Properties security(Configuration config, Secrets secrets) {
        Properties security = new Properties();
        String username = config.get(JobOptions.KAFKA_SASL_USERNAME);
        String truststore = config.get(JobOptions.KAFKA_TRUSTSTORE);
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
        String mechanism = config.get(JobOptions.KAFKA_SASL_MECHANISM);
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException(
                    "Bad value '" + mechanism + "' for --kafka-sasl-mechanism: expected one of " + MECHANISMS);
        }
        String loginModule = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        String password = secrets.require(SASL_PASSWORD_VARIABLE, "--kafka-sasl-username");
        security.setProperty("security.protocol", "SASL_SSL");
        security.setProperty("sasl.mechanism", mechanism);
        security.setProperty(
                "sasl.jaas.config",
                loginModule + " required username=\"" + jaasQuoted(username) + "\" password=\"" + jaasQuoted(password)
                        + "\";");
        return security;
    }

    /** JAAS reads quoted values with backslash escapes. */
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
