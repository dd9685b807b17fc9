package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.time.Duration;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class CassandraSinkBuilderTest {

    private static final CassandraStatementMapper<String> MAPPER =
            CassandraStatementMapper.of("INSERT INTO t (k) VALUES (?)", value -> new Object[] {value});

    @Test
    void buildsWithDefaultsForEverythingButConnectionAndMapper() {
        CassandraSink<String> sink = CassandraSink.<String>builder()
                .setContactPoints("127.0.0.1:9042", "[::1]:9043")
                .setLocalDatacenter("datacenter1")
                .setStatementMapper(MAPPER)
                .build();

        assertThat(sink.connectionOptions().contactPoints()).containsExactly("127.0.0.1:9042", "[::1]:9043");
        assertThat(sink.connectionOptions().keyspace()).isNull();
        assertThat(sink.connectionOptions().credentials()).isNull();
        assertThat(sink.connectionOptions().tls()).isNull();
        assertThat(sink.writeOptions()).isEqualTo(CassandraWriteOptions.defaults());
    }

    @Test
    void keepsEveryOption() {
        CassandraSink<String> sink = CassandraSink.<String>builder()
                .setContactPoints("cassandra-1:9142")
                .setLocalDatacenter("dc-paris")
                .setKeyspace("sensors")
                .setCredentials("flink", "s3cret")
                .setTls("/etc/sensors/truststore.p12", "changeit", true)
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
                .setRequestTimeout(Duration.ofSeconds(3))
                .setMaxInFlightRequests(16)
                .setRetry(7, Duration.ofMillis(50), Duration.ofSeconds(2))
                .setStatementMapper(MAPPER)
                .build();

        assertThat(sink.connectionOptions())
                .isEqualTo(new CassandraConnectionOptions(
                        List.of("cassandra-1:9142"),
                        "dc-paris",
                        "sensors",
                        new CassandraCredentials("flink", "s3cret"),
                        new CassandraTlsOptions("/etc/sensors/truststore.p12", "changeit", true)));
        assertThat(sink.writeOptions())
                .isEqualTo(new CassandraWriteOptions(
                        DefaultConsistencyLevel.QUORUM,
                        Duration.ofSeconds(3),
                        16,
                        7,
                        Duration.ofMillis(50),
                        Duration.ofSeconds(2)));
    }

    @Test
    void connectionWithoutKeyspaceKeepsEverythingElse() {
        CassandraConnectionOptions options = new CassandraConnectionOptions(
                List.of("127.0.0.1:9042"), "datacenter1", "sensors", new CassandraCredentials("flink", "s3cret"), null);

        assertThat(options.withoutKeyspace())
                .isEqualTo(new CassandraConnectionOptions(
                        List.of("127.0.0.1:9042"),
                        "datacenter1",
                        null,
                        new CassandraCredentials("flink", "s3cret"),
                        null));
    }

    @Test
    void neverPrintsPasswords() {
        CassandraSink<String> sink = CassandraSink.<String>builder()
                .setContactPoints("127.0.0.1:9042")
                .setLocalDatacenter("datacenter1")
                .setCredentials("flink", "user-password")
                .setTls("/truststore.p12", "truststore-password", false)
                .setStatementMapper(MAPPER)
                .build();

        assertThat(sink.toString())
                .contains("username=flink", "truststorePath=/truststore.p12")
                .doesNotContain("user-password", "truststore-password");
    }

    @Test
    void survivesJavaSerializationWithItsMapper() throws Exception {
        CassandraSink<String> sink = CassandraSink.<String>builder()
                .setContactPoints("127.0.0.1:9042")
                .setLocalDatacenter("datacenter1")
                .setStatementMapper(MAPPER)
                .build();

        CassandraSink<String> copy = InstantiationUtil.clone(sink);

        assertThat(copy.connectionOptions()).isEqualTo(sink.connectionOptions());
        assertThat(copy.writeOptions()).isEqualTo(sink.writeOptions());
        assertThat(copy.statementMapper().cql()).isEqualTo("INSERT INTO t (k) VALUES (?)");
        assertThat(copy.statementMapper().bindValues("75011")).containsExactly("75011");
    }

    @Test
    void rejectsMissingOrInvalidOptionsNamingThem() {
        assertThatThrownBy(() -> CassandraSink.<String>builder()
                        .setContactPoints("127.0.0.1:9042")
                        .setStatementMapper(MAPPER)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("local datacenter");
        assertThatThrownBy(() -> CassandraSink.<String>builder()
                        .setContactPoints("127.0.0.1:9042")
                        .setLocalDatacenter("datacenter1")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("statement mapper");
        assertThatThrownBy(() -> CassandraSink.<String>builder()
                        .setLocalDatacenter("datacenter1")
                        .setStatementMapper(MAPPER)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contact point");
        assertThatThrownBy(() -> CassandraSink.<String>builder()
                        .setContactPoints("127.0.0.1")
                        .setLocalDatacenter("datacenter1")
                        .setStatementMapper(MAPPER)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'127.0.0.1' is not host:port");
        assertThatThrownBy(() -> CassandraSink.<String>builder()
                        .setContactPoints("127.0.0.1:70000")
                        .setLocalDatacenter("datacenter1")
                        .setStatementMapper(MAPPER)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..65535");
        assertThatThrownBy(() -> CassandraSink.<String>builder()
                        .setContactPoints("127.0.0.1:9042")
                        .setLocalDatacenter("datacenter1")
                        .setStatementMapper(MAPPER)
                        .setMaxInFlightRequests(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max in-flight requests");
        assertThatThrownBy(() -> CassandraSink.<String>builder()
                        .setContactPoints("127.0.0.1:9042")
                        .setLocalDatacenter("datacenter1")
                        .setStatementMapper(MAPPER)
                        .setRetry(3, Duration.ofSeconds(2), Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max backoff");
        assertThatThrownBy(() -> CassandraStatementMapper.of(" ", value -> new Object[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CQL must not be blank");
    }
}
