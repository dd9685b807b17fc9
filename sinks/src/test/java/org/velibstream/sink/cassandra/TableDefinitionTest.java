package org.velibstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class TableDefinitionTest {

    @Test
    void readsTheColumnsAndKeyOfACreateTable() {
        TableDefinition table =
                TableDefinition.parse(CassandraSchema.fromResource(TestRows.class, TestRows.SCHEMA_RESOURCE)
                        .keyspace("sensors_test")
                        .build()
                        .statements()
                        .get(1));

        assertThat(table).isNotNull();
        assertThat(table.keyspace()).isEqualTo("sensors_test");
        assertThat(table.table()).isEqualTo("readings");
        assertThat(table.columns())
                .containsExactly(
                        entry("sensor", "text"),
                        entry("day", "text"),
                        entry("at", "timestamp"),
                        entry("value", "int"),
                        entry("note", "text"));
        assertThat(table.primaryKey())
                .as("partition key first, clustering ORDER BY not mistaken for a key")
                .containsExactly("sensor", "day", "at");
    }

    @Test
    void readsCollectionTypesAndInlineKeys() {
        TableDefinition table = TableDefinition.parse(
                "CREATE TABLE IF NOT EXISTS ks.t (id text PRIMARY KEY, tags map<text, int>, seen frozen<set<text>>)");

        assertThat(table.columns()).containsEntry("tags", "map<text, int>").containsEntry("seen", "frozen<set<text>>");
        assertThat(table.primaryKey()).containsExactly("id");
    }

    @Test
    void otherStatementsAreNoTables() {
        assertThat(TableDefinition.parse("CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {}"))
                .isNull();
        assertThat(TableDefinition.parse("CREATE CUSTOM INDEX IF NOT EXISTS i ON ks.t (state) USING 'X'"))
                .isNull();
    }
}
