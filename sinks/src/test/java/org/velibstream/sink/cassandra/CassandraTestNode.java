package org.velibstream.sink.cassandra;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * A real Cassandra node run by {@code bin/cassandra}: the one {@code mvn verify} starts before the integration tests
 * (sinks/pom.xml passes its ports and work folder as system properties), or another one a test starts itself.
 *
 * @param credentials {@code null} for a node without authentication
 */
record CassandraTestNode(
        String work,
        int port,
        int storagePort,
        int jmxPort,
        @Nullable CassandraCredentials credentials) {

    static final String LOCAL_DATACENTER = "datacenter1";

    /** The default superuser of a node started with {@code CASSANDRA_AUTH=password}. */
    static final CassandraCredentials SUPERUSER = new CassandraCredentials("cassandra", "cassandra");

    private static final String PORT_PROPERTY = "velib.cassandra.port";

    /** The node of {@code mvn verify}; call {@link #assumeStartedByMaven()} first. */
    static CassandraTestNode startedByMaven() {
        return new CassandraTestNode(
                System.getProperty("velib.work"),
                Integer.getInteger(PORT_PROPERTY, -1),
                Integer.getInteger("velib.cassandra.storage.port", -1),
                Integer.getInteger("velib.cassandra.jmx.port", -1),
                null);
    }

    /** Skips the calling test class when it is not run by {@code mvn verify}, which provides the node. */
    static void assumeStartedByMaven() {
        assumeTrue(
                System.getProperty(PORT_PROPERTY) != null,
                "No Cassandra node: run with `mvn -pl sinks -am verify`, which starts one with bin/cassandra");
    }

    String contactPoint() {
        return "127.0.0.1:" + port;
    }

    CassandraConnectionOptions connection(@Nullable String keyspace) {
        return new CassandraConnectionOptions(List.of(contactPoint()), LOCAL_DATACENTER, keyspace, credentials, null);
    }

    CqlSession openSession() throws CassandraSinkException {
        return CassandraSessionFactory.open(connection(null));
    }

    /**
     * Creates the test schema ({@link TestRows#SCHEMA_RESOURCE}) in {@code keyspace}; done once per test class, as
     * schema changes take seconds.
     */
    CassandraSchema createSchema(String keyspace) throws CassandraSinkException {
        CassandraSchema schema = CassandraSchema.fromResource(TestRows.class, TestRows.SCHEMA_RESOURCE)
                .keyspace(keyspace)
                .build();
        try (CqlSession session =
                CassandraSessionFactory.open(connection(keyspace).withoutKeyspace())) {
            schema.applyTo(session);
        }
        return schema;
    }

    <T> CassandraSinkBuilder<T> sinkBuilder(String keyspace) {
        CassandraSinkBuilder<T> builder = CassandraSink.<T>builder()
                .setContactPoints(contactPoint())
                .setLocalDatacenter(LOCAL_DATACENTER)
                .setKeyspace(keyspace);
        return credentials == null ? builder : builder.setCredentials(credentials.username(), credentials.password());
    }

    void stop() throws IOException, InterruptedException {
        script("stop");
    }

    /** Starts the node, or says it already runs. */
    void start() throws IOException, InterruptedException {
        script("start");
    }

    private void script(String command) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("velib.home", ".."), "bin", "cassandra");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), command).inheritIO();
        Map<String, String> environment = builder.environment();
        environment.put("VELIB_WORK", work);
        environment.put("CASSANDRA_PORT", Integer.toString(port));
        environment.put("CASSANDRA_STORAGE_PORT", Integer.toString(storagePort));
        environment.put("CASSANDRA_JMX_PORT", Integer.toString(jmxPort));
        environment.put("CASSANDRA_AUTH", credentials == null ? "none" : "password");
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroy();
            throw new IllegalStateException("bin/cassandra " + command + " did not finish in 3 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "bin/cassandra " + command + " failed with exit code " + process.exitValue());
        }
    }
}
