package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VelibSchemaTest {

    @Test
    void defaultSchemaIsTheFileWithoutComments() {
        VelibSchema schema = VelibSchema.builder().build();

        assertThat(schema.keyspace()).isEqualTo("velib");
        assertThat(schema.statements()).hasSize(5);
        assertThat(schema.statements().get(0))
                .startsWith("CREATE KEYSPACE IF NOT EXISTS velib")
                .contains("'replication_factor': 1");
        assertThat(schema.statements())
                .filteredOn(statement -> statement.startsWith("CREATE TABLE"))
                .extracting(statement -> statement.lines().findFirst().orElseThrow())
                .containsExactly(
                        "CREATE TABLE IF NOT EXISTS velib.postal_code_stats (",
                        "CREATE TABLE IF NOT EXISTS velib.station_alerts (",
                        "CREATE TABLE IF NOT EXISTS velib.alerts_by_day (");
        assertThat(schema.statements()).noneMatch(statement -> statement.contains("--") || statement.endsWith(";"));
        assertThat(schema.statements().get(1))
                .contains(
                        "PRIMARY KEY ((system_id, postal_code, day), window_end)",
                        "CLUSTERING ORDER BY (window_end DESC)",
                        "default_time_to_live = 7776000");
    }

    @Test
    void substitutesKeyspaceReplicationAndTtls() {
        VelibSchema schema = VelibSchema.builder()
                .keyspace("velib_test")
                .replication("{'class': 'NetworkTopologyStrategy', 'datacenter1': 3}")
                .tableTtl("postal_code_stats", Duration.ofDays(1))
                .tableTtl("alerts_by_day", Duration.ZERO)
                .build();

        assertThat(schema.statements().get(0))
                .isEqualTo("CREATE KEYSPACE IF NOT EXISTS velib_test\n"
                        + "    WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 3}");
        assertThat(String.join("\n", schema.statements()))
                .doesNotContain("velib.")
                .contains("velib_test.station_alerts");
        assertThat(schema.statements().get(1)).contains("default_time_to_live = 86400");
        assertThat(schema.statements().get(2)).contains("default_time_to_live = 31536000");
        assertThat(schema.statements().get(3)).contains("default_time_to_live = 0");
        assertThat(schema.statements().get(4)).contains("ON velib_test.alerts_by_day (state)");
    }

    @Test
    void exampleQueriesFollowTheKeyspace() {
        VelibSchema schema = VelibSchema.builder().keyspace("velib_test").build();

        assertThat(schema.exampleQueries())
                .hasSize(5)
                .allMatch(query ->
                        query.startsWith("SELECT ") && query.contains(" FROM velib_test.") && !query.endsWith(";"));
    }

    @Test
    void dayIsTheLocalDateInTheSystemsZone() {
        Instant lateEveningUtc = Instant.parse("2026-11-23T23:30:00Z");

        assertThat(VelibSchema.day(lateEveningUtc, ZoneId.of("Europe/Paris"))).isEqualTo("2026-11-24");
        assertThat(VelibSchema.day(lateEveningUtc, ZoneOffset.UTC)).isEqualTo("2026-11-23");
    }

    @Test
    void rejectsOptionsThatCannotApply() {
        assertThatThrownBy(() -> VelibSchema.builder().keyspace("velib-test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'velib-test'");
        assertThatThrownBy(() -> VelibSchema.builder().replication("'class': 'SimpleStrategy'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one CQL map");
        assertThatThrownBy(() -> VelibSchema.builder()
                        .tableTtl("station_status", Duration.ofDays(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No table [station_status]");
        assertThatThrownBy(() -> VelibSchema.builder().tableTtl("alerts_by_day", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero (no expiry) or positive");
    }
}
