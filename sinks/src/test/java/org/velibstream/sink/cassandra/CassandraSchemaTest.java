package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CassandraSchemaTest {

    private static CassandraSchema.Builder testSchema() {
        return CassandraSchema.fromResource(TestRows.class, TestRows.SCHEMA_RESOURCE);
    }

    @Test
    void defaultSchemaIsTheScriptWithoutComments() {
        CassandraSchema schema = testSchema().build();

        assertThat(schema.keyspace()).as("the script's own keyspace").isEqualTo("sensors");
        assertThat(schema.statements()).hasSize(4);
        assertThat(schema.statements().get(0))
                .startsWith("CREATE KEYSPACE IF NOT EXISTS sensors")
                .contains("'replication_factor': 1");
        assertThat(schema.statements())
                .filteredOn(statement -> statement.startsWith("CREATE TABLE"))
                .extracting(statement -> statement.lines().findFirst().orElseThrow())
                .containsExactly(
                        "CREATE TABLE IF NOT EXISTS sensors.readings (", "CREATE TABLE IF NOT EXISTS sensors.events (");
        assertThat(schema.statements()).noneMatch(statement -> statement.contains("--") || statement.endsWith(";"));
        assertThat(schema.statements().get(1))
                .contains(
                        "PRIMARY KEY ((sensor, day), at)",
                        "CLUSTERING ORDER BY (at DESC)",
                        "default_time_to_live = 86400");
    }

    @Test
    void substitutesKeyspaceReplicationAndTtls() {
        CassandraSchema schema = testSchema()
                .keyspace("sensors_test")
                .replication("{'class': 'NetworkTopologyStrategy', 'datacenter1': 3}")
                .tableTtl("readings", Duration.ofDays(2))
                .tableTtl("events", Duration.ZERO)
                .build();

        assertThat(schema.keyspace()).isEqualTo("sensors_test");
        assertThat(schema.statements().get(0))
                .isEqualTo("CREATE KEYSPACE IF NOT EXISTS sensors_test\n"
                        + "    WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 3}");
        assertThat(String.join("\n", schema.statements()))
                .doesNotContain("sensors.")
                .contains("sensors_test.readings", "sensors_test.events");
        assertThat(schema.statements().get(1)).contains("default_time_to_live = 172800");
        assertThat(schema.statements().get(2)).contains("default_time_to_live = 0");
        assertThat(schema.statements().get(3)).contains("ON sensors_test.events (state)");
    }

    @Test
    void anUnsetTtlKeepsTheScriptsValue() {
        CassandraSchema schema =
                testSchema().tableTtl("readings", Duration.ofHours(1)).build();

        assertThat(schema.statements().get(1)).contains("default_time_to_live = 3600");
        assertThat(schema.statements().get(2)).contains("default_time_to_live = 604800");
    }

    @Test
    void exampleQueriesFollowTheKeyspace() {
        CassandraSchema schema = testSchema().keyspace("sensors_test").build();

        assertThat(schema.exampleQueries())
                .hasSize(3)
                .allMatch(query ->
                        query.startsWith("SELECT ") && query.contains(" FROM sensors_test.") && !query.endsWith(";"));
    }

    @Test
    void aScriptGivenAsTextNamesItsSourceInErrors() {
        String cql = "CREATE KEYSPACE IF NOT EXISTS app WITH replication = {'class': 'SimpleStrategy'};\n"
                + "CREATE TABLE IF NOT EXISTS app.t (k text PRIMARY KEY) WITH default_time_to_live = 60;";

        assertThat(CassandraSchema.builder("inline.cql", cql)
                        .keyspace("other")
                        .build()
                        .statements())
                .containsExactly(
                        "CREATE KEYSPACE IF NOT EXISTS other WITH replication = {'class': 'SimpleStrategy'}",
                        "CREATE TABLE IF NOT EXISTS other.t (k text PRIMARY KEY) WITH default_time_to_live = 60");
        assertThatThrownBy(() -> CassandraSchema.builder("inline.cql", cql)
                        .tableTtl("u", Duration.ofDays(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No table [u] in inline.cql");
    }

    @Test
    void aScriptMustCreateExactlyOneKeyspace() {
        assertThatThrownBy(() -> CassandraSchema.builder("tables.cql", "CREATE TABLE IF NOT EXISTS app.t (k text);"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tables.cql must create exactly one keyspace");
        assertThatThrownBy(() -> CassandraSchema.fromResource(TestRows.class, "/cassandra/no-such.cql"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/cassandra/no-such.cql is missing from the classpath");
    }

    @Test
    void rejectsOptionsThatCannotApply() {
        assertThatThrownBy(() -> testSchema().keyspace("sensors-test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sensors-test'");
        assertThatThrownBy(() -> testSchema().replication("'class': 'SimpleStrategy'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one CQL map");
        assertThatThrownBy(() -> testSchema()
                        .tableTtl("station_status", Duration.ofDays(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No table [station_status] in /cassandra/readings-schema.cql");
        assertThatThrownBy(() -> testSchema().tableTtl("events", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero (no expiry) or positive");
    }
}
