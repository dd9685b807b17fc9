package org.velibstream.job.io;

/**
 * Kafka refused the job before it started (credentials, certificate; a raw topic that is missing and may not be
 * created) or did not answer; the message says which, where, and which option, variable, command or ACL to check.
 * Retrying cannot help, so the job is not submitted.
 */
public final class KafkaAccessException extends Exception {

    KafkaAccessException(String message) {
        super(message);
    }

    KafkaAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
