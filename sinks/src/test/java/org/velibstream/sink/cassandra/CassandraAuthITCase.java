package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.sink.cassandra.TestRows.READINGS;
import static org.velibstream.sink.cassandra.TestRows.reading;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.velibstream.sink.cassandra.TestRows.Reading;

/** Credentials against a second real node started with PasswordAuthenticator, beside the one of {@code mvn verify}. */
class CassandraAuthITCase {

    private static final String KEYSPACE = "sink_auth_it";
    private static final int PORT_OFFSET = 100;

    private static CassandraTestNode node;

    @BeforeAll
    static void startANodeWithPasswordAuthentication() throws Exception {
        CassandraTestNode.assumeStartedByMaven();
        CassandraTestNode verifyNode = CassandraTestNode.startedByMaven();
        node = new CassandraTestNode(
                Path.of(verifyNode.work(), "auth").toString(),
                verifyNode.port() + PORT_OFFSET,
                verifyNode.storagePort() + PORT_OFFSET,
                verifyNode.jmxPort() + PORT_OFFSET,
                CassandraTestNode.SUPERUSER);
        node.start();
        node.createSchema(KEYSPACE);
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void writesWithTheRightCredentials() throws Exception {
        Reading row = reading("AUTH", "2026-11-23", Instant.parse("2026-11-23T12:00:00Z"), 1);
        try (CassandraSinkWriter<Reading> writer = new CassandraSinkWriter<>(
                node.connection(KEYSPACE),
                CassandraWriteOptions.defaults(),
                READINGS,
                UnregisteredMetricsGroup.createSinkWriterMetricGroup(),
                "auth-test")) {
            writer.write(row, null);
            writer.flush(true);
        }

        try (CqlSession session = node.openSession()) {
            assertThat(CassandraSinkITCase.countReadings(session, KEYSPACE, "AUTH", "2026-11-23"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordFailsForGoodSayingWhatToCheckWithoutPrintingIt() {
        CassandraConnectionOptions wrongPassword = new CassandraConnectionOptions(
                List.of(node.contactPoint()),
                CassandraTestNode.LOCAL_DATACENTER,
                KEYSPACE,
                new CassandraCredentials("cassandra", "not-the-password"),
                null);

        assertThatThrownBy(() -> CassandraSessionFactory.open(wrongPassword))
                .isInstanceOf(PermanentCassandraSinkException.class)
                .hasMessageContaining("Check the sink's Cassandra username and password")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void noCredentialsAgainstAnAuthenticatingNodeFailsForGood() {
        CassandraConnectionOptions anonymous = new CassandraConnectionOptions(
                List.of(node.contactPoint()), CassandraTestNode.LOCAL_DATACENTER, KEYSPACE, null, null);

        assertThatThrownBy(() -> CassandraSessionFactory.open(anonymous))
                .isInstanceOf(PermanentCassandraSinkException.class)
                .hasMessageContaining("username and password");
    }
}
