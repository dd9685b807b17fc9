package org.velibstream.job.io;

/**
 * Kafka refused the job before it started (credentials, certificate) or did not answer; the message says which, where,
 * and which option or variable to check. Retrying cannot help, so the job is not submitted.
 */
public final class KafkaAccessException extends Exception {

    KafkaAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
