package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The columns and primary key of one {@code CREATE TABLE} of a schema script, and how to bring a table of that name
 * created by an earlier version of the script up to date: {@code ALTER TABLE ... ADD} each column it lacks. Cassandra
 * cannot change a primary key: a key column of the script missing from the existing table's key is added as a regular
 * column (so writes that set it succeed) and a WARN says what that costs.
 *
 * @param keyspace the keyspace the table is created in
 * @param columns column name → CQL type, in the script's order
 * @param primaryKey the primary key's columns, partition key first
 */
record TableDefinition(String keyspace, String table, Map<String, String> columns, List<String> primaryKey) {

    private static final Logger LOG = LoggerFactory.getLogger(TableDefinition.class);
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)\\.(\\w+)\\s*\\(");
    private static final Pattern PRIMARY_KEY = Pattern.compile("PRIMARY KEY\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("(\\w+)\\s+(.+)");
    private static final Duration SCHEMA_STATEMENT_TIMEOUT = Duration.ofSeconds(60);

    TableDefinition {
        columns = new LinkedHashMap<>(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The table a rendered {@code CREATE TABLE IF NOT EXISTS ks.t (...)} statement defines; null for others. */
    @Nullable
    static TableDefinition parse(String statement) {
        Matcher create = CREATE_TABLE.matcher(statement);
        if (!create.lookingAt()) {
            return null;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> key = new ArrayList<>();
        for (String part : splitTopLevel(statement.substring(create.end()))) {
            Matcher primaryKey = PRIMARY_KEY.matcher(part);
            if (primaryKey.matches()) {
                for (String name : primaryKey.group(1).replaceAll("[()]", " ").split(",")) {
                    key.add(name.strip());
                }
                continue;
            }
            Matcher column = COLUMN.matcher(part);
            if (column.matches()) {
                columns.put(
                        column.group(1),
                        column.group(2).replace("PRIMARY KEY", "").strip());
                if (column.group(2).contains("PRIMARY KEY")) {
                    key.add(column.group(1));
                }
            }
        }
        return new TableDefinition(create.group(1), create.group(2), columns, key);
    }

    /** Adds what the existing table lacks; nothing when it was just created from this definition. */
    void migrate(CqlSession session) {
        Map<String, String> existingKinds = new HashMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance(
                "SELECT column_name, kind FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?",
                keyspace,
                table))) {
            existingKinds.put(row.getString("column_name"), row.getString("kind"));
        }
        if (existingKinds.isEmpty()) {
            return;
        }
        List<String> keyColumnsNotInKey = new ArrayList<>();
        for (Map.Entry<String, String> column : columns.entrySet()) {
            String name = column.getKey();
            String kind = existingKinds.get(name);
            boolean inScriptKey = primaryKey.contains(name);
            if (inScriptKey && (kind == null || kind.equals("regular"))) {
                keyColumnsNotInKey.add(name);
            }
            if (kind == null) {
                String alter = "ALTER TABLE " + keyspace + "." + table + " ADD " + name + " " + column.getValue();
                LOG.info("Bringing {}.{} up to date: {}", keyspace, table, alter);
                session.execute(SimpleStatement.newInstance(alter).setTimeout(SCHEMA_STATEMENT_TIMEOUT));
            }
        }
        if (!keyColumnsNotInKey.isEmpty()) {
            LOG.warn(
                    "Table {}.{} was created by an earlier version: its primary key lacks {}, which are now regular "
                            + "columns. Rows that differ only in {} overwrite each other (for example the rows of two "
                            + "systems sharing a station code or area). Writes succeed; to keep such rows apart, "
                            + "recreate the table as docs/operations.md says (\"Upgrading the Cassandra tables\").",
                    keyspace,
                    table,
                    keyColumnsNotInKey,
                    keyColumnsNotInKey);
        }
        for (Map.Entry<String, String> existing : existingKinds.entrySet()) {
            if (!existing.getValue().equals("regular") && !columns.containsKey(existing.getKey())) {
                LOG.warn(
                        "Table {}.{} has key column {}, which the schema no longer has: writes to it will fail",
                        keyspace,
                        table,
                        existing.getKey());
            }
        }
    }

    /**
     * The comma-separated parts of a table body up to its closing parenthesis, commas inside parentheses or angle
     * brackets kept.
     */
    private static List<String> splitTopLevel(String afterOpening) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : afterOpening.toCharArray()) {
            if (c == ')' && depth == 0) {
                break;
            }
            if (c == '(' || c == '<') {
                depth++;
            } else if (c == ')' || c == '>') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            parts.add(current.toString().strip());
        }
        return parts;
    }
}
