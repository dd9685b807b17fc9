package org.velibstream.sink.cassandra;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Cassandra node that {@code mvn verify} starts with {@code bin/cassandra} before the integration tests
 * (sinks/pom.xml passes its ports and work folder as system properties), and the way to stop and restart it.
 */
final class CassandraTestNode {

    static final String LOCAL_DATACENTER = "datacenter1";

    private static final String PORT_PROPERTY = "velib.cassandra.port";

    private CassandraTestNode() {}

    /** Skips the calling test class when it is not run by {@code mvn verify}, which provides the node. */
    static void assumeRunning() {
        assumeTrue(System.getProperty(PORT_PROPERTY) != null,
                "No Cassandra node: run with `mvn -pl sinks -am verify`, which starts one with bin/cassandra");
    }

    static String contactPoint() {
        return "127.0.0.1:" + System.getProperty(PORT_PROPERTY);
    }

    static CassandraConnectionOptions connection(String keyspace) {
        return new CassandraConnectionOptions(List.of(contactPoint()), LOCAL_DATACENTER, keyspace, null, null);
    }

    static CqlSession openSession() throws CassandraSinkException {
        return CassandraSessionFactory.open(connection(null));
    }

    /** Creates the velib schema in {@code keyspace}; done once per test class, as schema changes take seconds. */
    static VelibSchema createSchema(CqlSession session, String keyspace) {
        VelibSchema schema = VelibSchema.builder().keyspace(keyspace).build();
        schema.applyTo(session);
        return schema;
    }

    static <T> CassandraSinkBuilder<T> sinkBuilder(String keyspace) {
        return CassandraSink.<T>builder()
                .setContactPoints(contactPoint())
                .setLocalDatacenter(LOCAL_DATACENTER)
                .setKeyspace(keyspace);
    }

    static void stop() throws IOException, InterruptedException {
        script("stop");
    }

    /** Starts the node, or says it already runs. */
    static void start() throws IOException, InterruptedException {
        script("start");
    }

    private static void script(String command) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("velib.home"), "bin", "cassandra");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), command).inheritIO();
        Map<String, String> environment = builder.environment();
        environment.put("VELIB_WORK", System.getProperty("velib.work"));
        environment.put("CASSANDRA_PORT", System.getProperty(PORT_PROPERTY));
        environment.put("CASSANDRA_STORAGE_PORT", System.getProperty("velib.cassandra.storage.port"));
        environment.put("CASSANDRA_JMX_PORT", System.getProperty("velib.cassandra.jmx.port"));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroy();
            throw new IllegalStateException("bin/cassandra " + command + " did not finish in 3 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/cassandra " + command + " failed with exit code " + process.exitValue());
        }
    }
}
