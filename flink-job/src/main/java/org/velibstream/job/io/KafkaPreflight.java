package org.velibstream.job.io;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.velibstream.job.settings.KafkaClientProperties;
import org.velibstream.job.settings.KafkaSettings;

/**
 * Asks Kafka, with the job's own client settings, who it is talking to before the job is submitted. A wrong password
 * or an untrusted certificate found later, by the running tasks, only shows as failures that Flink's restart strategy
 * retries again and again; found here, it stops the submission with one message.
 */
public final class KafkaPreflight {

    private KafkaPreflight() {}

    /**
     * @throws KafkaAccessException when Kafka refuses the job or does not answer within {@code timeout}
     */
    public static void check(KafkaSettings kafka, Duration timeout) throws KafkaAccessException, InterruptedException {
        String bootstrap = kafka.bootstrap();
        Admin admin = Admin.create(kafka.clientProperties());
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw refused(kafka, bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAccessException(
                    "Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                            + " s: check --kafka-bootstrap, and that the listener there speaks "
                            + kafka.securityProtocol()
                            + " (--kafka-sasl-username and --kafka-truststore decide which).",
                    e);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static KafkaAccessException refused(KafkaSettings kafka, String bootstrap, Throwable cause) {
        // Kafka wraps TLS failures in its own exception: the handshake's reason is the one an operator can act on.
        String reason = cause.getMessage()
                + ExceptionUtils.findThrowable(cause, SSLHandshakeException.class)
                        .map(handshake -> " (" + handshake.getMessage() + ")")
                        .orElse("");
        if (cause instanceof SaslAuthenticationException) {
            return new KafkaAccessException(
                    "Kafka rejected the SASL credentials of "
                            + kafka.saslIdentity() + " at " + bootstrap + ": " + reason
                            + ". Check --kafka-sasl-username, --kafka-sasl-mechanism and the password in "
                            + KafkaClientProperties.SASL_PASSWORD_VARIABLE + " (or "
                            + KafkaClientProperties.SASL_PASSWORD_VARIABLE
                            + "_FILE).",
                    cause);
        }
        if (cause instanceof SslAuthenticationException) {
            String truststore = kafka.truststore() != null
                    ? "the truststore " + kafka.truststore()
                    : "the JVM's default truststore (no --kafka-truststore)";
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
