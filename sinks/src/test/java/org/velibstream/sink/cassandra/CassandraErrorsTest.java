package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.InvalidKeyspaceException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class CassandraErrorsTest {

    @Test
    void clusterBusyOrUnreachableIsTransient() {
        assertThat(CassandraErrors.classify(new DriverTimeoutException("Query timed out after PT5S")))
                .isEqualTo(CassandraErrors.Kind.TRANSIENT);
        assertThat(CassandraErrors.classify(
                        new WriteTimeoutException(null, DefaultConsistencyLevel.ONE, 0, 1, DefaultWriteType.SIMPLE)))
                .isEqualTo(CassandraErrors.Kind.TRANSIENT);
        assertThat(CassandraErrors.classify(new UnavailableException(null, DefaultConsistencyLevel.QUORUM, 2, 1)))
                .isEqualTo(CassandraErrors.Kind.TRANSIENT);
        assertThat(CassandraErrors.classify(new OverloadedException(null))).isEqualTo(CassandraErrors.Kind.TRANSIENT);
        assertThat(CassandraErrors.classify(new NoNodeAvailableException())).isEqualTo(CassandraErrors.Kind.TRANSIENT);
        assertThat(CassandraErrors.classify(new ClosedConnectionException("Lost connection to remote peer")))
                .isEqualTo(CassandraErrors.Kind.TRANSIENT);
    }

    @Test
    void wrongQuerySchemaOrCredentialsArePermanentAndSayWhatToFix() {
        assertPermanent(new InvalidQueryException(null, "unconfigured table no_such_table"), "Create the table");
        assertPermanent(new InvalidKeyspaceException("Invalid keyspace no_such_keyspace"), "Create the keyspace");
        assertPermanent(
                new SyntaxError(null, "line 1:0 no viable alternative at input 'INSRT'"),
                "Fix the statement mapper's CQL");
        assertPermanent(
                new AuthenticationException(null, "Provided username flink and/or password are incorrect"),
                "username and password");
        assertPermanent(new IllegalArgumentException("Too many values (3 for 2 markers)"), "bind values");
    }

    @Test
    void anUntrustedCertificateIsPermanentWhereverTheDriverWrapsIt() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        ConnectionInitException wrapped = new ConnectionInitException(
                "[s0|/127.0.0.1:9042] init query failed", new IllegalStateException("decoder failed", handshake));

        assertPermanent(wrapped, "TLS truststore");
        assertThat(CassandraErrors.reason(wrapped)).isEqualTo("TLS handshake failed: PKIX path building failed");
    }

    @Test
    void looksThroughFutureWrappers() {
        assertThat(CassandraErrors.classify(new CompletionException(new OverloadedException(null))))
                .isEqualTo(CassandraErrors.Kind.TRANSIENT);
        assertThat(CassandraErrors.classify(new IllegalStateException("something else")))
                .isEqualTo(CassandraErrors.Kind.UNKNOWN);
    }

    private static void assertPermanent(Throwable error, String remedy) {
        assertThat(CassandraErrors.classify(error)).as("kind of %s", error).isEqualTo(CassandraErrors.Kind.PERMANENT);
        assertThat(CassandraErrors.remedy(error)).as("remedy for %s", error).contains(remedy);
    }
}
