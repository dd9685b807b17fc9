package org.velibstream.job;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.velibstream.job.options.JobOptions;

/**
 * Asks Kafka, with the job's own client settings, who it is talking to before the job is submitted. A wrong password
 * or an untrusted certificate found later, by the running tasks, only shows as failures that Flink's restart strategy
 * retries again and again; found here, it stops the submission with one message.
 */
final class KafkaPreflight {

    private KafkaPreflight() {}

    static void check(Configuration config, Properties clientProperties, Duration timeout)
            throws KafkaAccessException, InterruptedException {
        String bootstrap = config.get(JobOptions.KAFKA_BOOTSTRAP);
        Admin admin = Admin.create(clientProperties);
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw refused(config, bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAccessException(
                    "Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                            + " s: check --kafka-bootstrap, and that the listener there speaks "
                            + clientProperties.getProperty("security.protocol", "PLAINTEXT")
                            + " (--kafka-sasl-username and --kafka-truststore decide which).",
                    e);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static KafkaAccessException refused(Configuration config, String bootstrap, Throwable cause) {
        // Kafka wraps TLS failures in its own exception: the handshake's reason is the one an operator can act on.
        String reason = cause.getMessage()
                + ExceptionUtils.findThrowable(cause, SSLHandshakeException.class)
                        .map(handshake -> " (" + handshake.getMessage() + ")")
                        .orElse("");
        if (cause instanceof SaslAuthenticationException) {
            return new KafkaAccessException(
                    "Kafka rejected the SASL credentials of "
                            + KafkaClientProperties.saslIdentity(config) + " at " + bootstrap + ": " + reason
                            + ". Check --kafka-sasl-username, --kafka-sasl-mechanism and the password in "
                            + KafkaClientProperties.SASL_PASSWORD_VARIABLE + " (or "
                            + KafkaClientProperties.SASL_PASSWORD_VARIABLE
                            + "_FILE).",
                    cause);
        }
        if (cause instanceof SslAuthenticationException) {
            String truststore = config.getOptional(JobOptions.KAFKA_TRUSTSTORE)
                    .map(file -> "the truststore " + file)
                    .orElse("the JVM's default truststore (no --kafka-truststore)");
            return new KafkaAccessException(
                    "The TLS handshake with Kafka at " + bootstrap + " failed: " + reason
                            + ". Check that " + truststore + " holds the CA of the brokers' certificates, and that the "
                            + "certificates name the hosts the job connects to.",
                    cause);
        }
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
            return new KafkaAccessException("Kafka at " + bootstrap + " refused the job: " + reason, cause);
        }
        return new KafkaAccessException("Could not reach Kafka at " + bootstrap + ": " + reason, cause);
    }
}
