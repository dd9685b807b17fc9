package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.UnsupportedProtocolVersionException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.FrameTooLongException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ProtocolError;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.flink.util.ExceptionUtils;

/** Sorts driver errors into those worth retrying and those that only a change of configuration or code can fix. */
final class CassandraErrors {

    enum Kind {
        /** The cluster is briefly unable to answer: retry with backoff, then fail the job so it restarts. */
        TRANSIENT,
        /** Wrong CQL, schema, credentials or bound values: retrying cannot help, fail without restarting. */
        PERMANENT,
        /** Not recognised: fail the job without retrying in the writer, and let Flink's restart strategy decide. */
        UNKNOWN
    }

    private CassandraErrors() {}

    static Kind classify(Throwable error) {
        Throwable cause = unwrap(error);
        if (untrustedCertificate(cause)) {
            return Kind.PERMANENT;
        }
        if (cause instanceof NoNodeAvailableException) {
            return Kind.TRANSIENT;
        }
        if (cause instanceof AllNodesFailedException allNodesFailed) {
            // Every contact point failed: one permanent reason (e.g. bad credentials) makes the whole failure
            // permanent.
            boolean anyPermanent = allNodesFailed.getAllErrors().values().stream()
                    .flatMap(List::stream)
                    .anyMatch(nodeError -> classify(nodeError) == Kind.PERMANENT);
            return anyPermanent ? Kind.PERMANENT : Kind.TRANSIENT;
        }
        if (cause instanceof AuthenticationException
                || cause instanceof QueryValidationException
                || cause instanceof InvalidKeyspaceException
                || cause instanceof CodecNotFoundException
                || cause instanceof IllegalArgumentException
                || cause instanceof ProtocolError
                || cause instanceof UnsupportedProtocolVersionException
                || cause instanceof FrameTooLongException) {
            return Kind.PERMANENT;
        }
        if (cause instanceof DriverTimeoutException
                || cause instanceof QueryConsistencyException
                || cause instanceof UnavailableException
                || cause instanceof OverloadedException
                || cause instanceof BootstrappingException
                || cause instanceof TruncateException
                || cause instanceof NodeUnavailableException
                || cause instanceof ClosedConnectionException
                || cause instanceof HeartbeatException
                || cause instanceof BusyConnectionException
                || cause instanceof ConnectionInitException
                || cause instanceof RequestThrottlingException) {
            return Kind.TRANSIENT;
        }
        return Kind.UNKNOWN;
    }

    /** What the operator should change, for the errors that retries cannot fix. */
    static String remedy(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AllNodesFailedException allNodesFailed) {
            return allNodesFailed.getAllErrors().values().stream()
                    .flatMap(List::stream)
                    .filter(nodeError -> classify(nodeError) == Kind.PERMANENT)
                    .findFirst()
                    .map(CassandraErrors::remedy)
                    .orElse("Check that Cassandra is running and reachable at the contact points.");
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof AuthenticationException) {
            return "Check the sink's Cassandra username and password.";
        }
        if (untrustedCertificate(cause)) {
            return "Check that the TLS truststore holds the CA of the nodes' certificates, and that the certificates "
                    + "name the contact points' hosts.";
        }
        if (cause instanceof UnauthorizedException) {
            return "Grant the sink's Cassandra user MODIFY on the table, or use another user.";
        }
        if (cause instanceof InvalidKeyspaceException
                || (message.contains("Keyspace") && message.contains("does not exist"))) {
            return "Create the keyspace (for instance with CassandraSchema) or fix the sink's keyspace.";
        }
        if (cause instanceof InvalidQueryException && message.contains("table")) {
            return "Create the table (for instance with CassandraSchema) or fix the statement mapper's CQL.";
        }
        if (cause instanceof SyntaxError || cause instanceof QueryValidationException) {
            return "Fix the statement mapper's CQL.";
        }
        if (cause instanceof CodecNotFoundException || cause instanceof IllegalArgumentException) {
            return "Make the statement mapper's bind values match the CQL's markers in number and type "
                    + "(String for text, Instant for timestamp, Integer for int, LocalDate for date...).";
        }
        return "Check the Cassandra cluster and the sink's configuration.";
    }

    /**
     * Why the cluster refused: for a failure on every node, the first node's permanent error (or its first error), as
     * {@code node: message}, instead of the driver's summary of all of them.
     */
    static String reason(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AllNodesFailedException allNodesFailed) {
            return allNodesFailed.getAllErrors().entrySet().stream()
                    .flatMap(entry -> entry.getValue().stream().map(nodeError -> Map.entry(entry.getKey(), nodeError)))
                    .min(Comparator.comparing(entry -> classify(entry.getValue()) == Kind.PERMANENT ? 0 : 1))
                    .map(entry -> entry.getKey().getEndPoint() + ": " + reason(entry.getValue()))
                    .orElse(String.valueOf(cause.getMessage()));
        }
        Optional<SSLHandshakeException> handshake = ExceptionUtils.findThrowable(cause, SSLHandshakeException.class);
        return handshake.isPresent()
                ? "TLS handshake failed: " + handshake.get().getMessage()
                : String.valueOf(cause.getMessage());
    }

    /** A TLS handshake fails the same way on every attempt: the certificate is not trusted or names another host. */
    private static boolean untrustedCertificate(Throwable error) {
        return ExceptionUtils.findThrowable(error, SSLHandshakeException.class).isPresent();
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
