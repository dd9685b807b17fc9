package org.velibstream.job.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ports of one local stack's servers on 127.0.0.1, as the bin/ scripts read them from their environment. */
record StackPorts(
        int kafka,
        int kafkaController,
        int cassandra,
        int cassandraStorage,
        int cassandraJmx,
        int flinkRest,
        int flinkRpc) {

    /** The environment of the bin/ scripts for a stack in {@code work} on these ports. */
    Map<String, String> environment(Path work) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("VELIB_WORK", work.toString());
        environment.put("KAFKA_PORT", String.valueOf(kafka));
        environment.put("KAFKA_CONTROLLER_PORT", String.valueOf(kafkaController));
        environment.put("CASSANDRA_PORT", String.valueOf(cassandra));
        environment.put("CASSANDRA_STORAGE_PORT", String.valueOf(cassandraStorage));
        environment.put("CASSANDRA_JMX_PORT", String.valueOf(cassandraJmx));
        environment.put("FLINK_REST_PORT", String.valueOf(flinkRest));
        environment.put("FLINK_RPC_PORT", String.valueOf(flinkRpc));
        // On by default in bin/flink-cluster, on 9249-9250: off unless a test sets its own ports.
        environment.put("FLINK_PROMETHEUS_PORTS", "off");
        return environment;
    }
}
