package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's CQL script (one {@code CREATE KEYSPACE IF NOT EXISTS}, then its tables and indexes, every statement
 * {@code IF NOT EXISTS}), with its keyspace name, replication and table TTLs replaced by the configured ones, and a way
 * to create whatever of it is missing and add the columns that tables of an earlier version lack. The script stays the one source: this class only substitutes into it, so an
 * operator can still run the file itself with {@code cqlsh -f}.
 *
 * <p>The script's conventions: tables are named with the script's keyspace ({@code ks.table}), which is replaced by
 * the configured one; {@code replication = {...}} and {@code default_time_to_live = N} are replaced when configured;
 * {@code --} starts a comment; lines starting with {@code -- example:} are example queries, rendered in the configured
 * keyspace too.
 *
 * <pre>{@code
 * CassandraSchema schema = CassandraSchema.fromResource(MyTables.class, "/cassandra/my-schema.cql")
 *         .keyspace("readings_prod")
 *         .replication("{'class': 'NetworkTopologyStrategy', 'dc1': 3}")
 *         .tableTtl("readings", Duration.ofDays(30))
 *         .build();
 * try (CqlSession session = CassandraSessionFactory.open(sink.connectionOptions().withoutKeyspace())) {
 *     schema.applyTo(session);
 * }
 * }</pre>
 */
public final class CassandraSchema {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSchema.class);
    private static final Pattern KEYSPACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
    private static final Pattern KEYSPACE_DEFINITION = Pattern.compile("(CREATE KEYSPACE IF NOT EXISTS )(\\w+)\\b");
    private static final Pattern REPLICATION = Pattern.compile("(replication = )\\{[^}]*}");
    private static final Pattern TABLE_DEFINITION = Pattern.compile("CREATE TABLE IF NOT EXISTS \\w+\\.(\\w+)");
    private static final Pattern TTL = Pattern.compile("(default_time_to_live = )\\d+");
    private static final String EXAMPLE_PREFIX = "-- example:";
    private static final Duration SCHEMA_STATEMENT_TIMEOUT = Duration.ofSeconds(60);

    private final String keyspace;
    private final List<String> statements;
    private final List<String> exampleQueries;

    private CassandraSchema(String keyspace, List<String> statements, List<String> exampleQueries) {
        this.keyspace = keyspace;
        this.statements = List.copyOf(statements);
        this.exampleQueries = List.copyOf(exampleQueries);
    }

    /**
     * The script {@code cql}; {@code source} names it in error messages (a file or resource path).
     *
     * @throws IllegalArgumentException when the script does not create exactly one keyspace
     */
    public static Builder builder(String source, String cql) {
        return new Builder(Objects.requireNonNull(source, "source"), Objects.requireNonNull(cql, "cql"));
    }

    /** The script in the classpath resource {@code resource}, looked up as {@code anchor.getResourceAsStream} does. */
    public static Builder fromResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return builder(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    public String keyspace() {
        return keyspace;
    }

    /** The CQL statements, in order, without comments or the trailing semicolon. */
    public List<String> statements() {
        return statements;
    }

    /** The example queries from the script's comments, in this keyspace, without the trailing semicolon. */
    public List<String> exampleQueries() {
        return exampleQueries;
    }

    /**
     * Creates the keyspace, tables and indexes that do not exist yet, and brings tables created by an earlier version
     * of the script up to date: each column of the script an existing table lacks is added ({@code ALTER TABLE ...
     * ADD}). A primary key cannot change: a key column of the script missing from the existing table's key is added
     * as a regular column, so that writes succeed, and a WARN names the table and what that costs. Nothing is ever
     * dropped or retyped.
     */
    public void applyTo(CqlSession session) {
        for (String statement : statements) {
            LOG.info("Applying {}", statement.lines().findFirst().orElse(statement));
            session.execute(SimpleStatement.newInstance(statement).setTimeout(SCHEMA_STATEMENT_TIMEOUT));
            TableDefinition table = TableDefinition.parse(statement);
            if (table != null) {
                table.migrate(session);
            }
        }
    }

    /** Options of the schema; unset ones keep the script's values. */
    public static final class Builder {

        private final String source;
        private final String cql;
        private final String scriptKeyspace;
        private String keyspace;
        private String replication;
        private final Map<String, Duration> tableTtls = new HashMap<>();

        private Builder(String source, String cql) {
            this.source = source;
            this.cql = cql;
            Matcher definitions = KEYSPACE_DEFINITION.matcher(stripComments(cql));
            List<String> keyspaces = new ArrayList<>();
            while (definitions.find()) {
                keyspaces.add(definitions.group(2));
            }
            if (keyspaces.size() != 1) {
                throw new IllegalArgumentException(source + " must create exactly one keyspace with "
                        + "CREATE KEYSPACE IF NOT EXISTS, found " + keyspaces);
            }
            this.scriptKeyspace = keyspaces.get(0);
            this.keyspace = scriptKeyspace;
        }

        public Builder keyspace(String keyspace) {
            if (keyspace == null || !KEYSPACE_NAME.matcher(keyspace).matches()) {
                throw new IllegalArgumentException("Keyspace name '" + keyspace
                        + "' must be a letter followed by up to 47 letters, digits or underscores");
            }
            this.keyspace = keyspace;
            return this;
        }

        /** The replication map as CQL, e.g. {@code {'class': 'NetworkTopologyStrategy', 'datacenter1': 3}}. */
        public Builder replication(String replicationMap) {
            String trimmed =
                    Objects.requireNonNull(replicationMap, "replicationMap").trim();
            if (!trimmed.startsWith("{") || !trimmed.endsWith("}") || trimmed.indexOf('}') != trimmed.length() - 1) {
                throw new IllegalArgumentException("Replication must be one CQL map such as "
                        + "{'class': 'SimpleStrategy', 'replication_factor': 1}, was " + replicationMap);
            }
            this.replication = trimmed;
            return this;
        }

        /** How long rows of {@code table} live; {@link Duration#ZERO} keeps them forever. */
        public Builder tableTtl(String table, Duration ttl) {
            Objects.requireNonNull(table, "table");
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException(
                        "TTL of " + table + " must be zero (no expiry) or positive, was " + ttl);
            }
            tableTtls.put(table, ttl);
            return this;
        }

        public CassandraSchema build() {
            List<String> statements = new ArrayList<>();
            Map<String, Duration> unusedTtls = new HashMap<>(tableTtls);
            for (String raw : stripComments(cql).split(";")) {
                String statement = raw.strip();
                if (!statement.isEmpty()) {
                    statements.add(render(statement, unusedTtls));
                }
            }
            if (!unusedTtls.isEmpty()) {
                throw new IllegalArgumentException(
                        "No table " + unusedTtls.keySet() + " in " + source + " to set a TTL on");
            }
            List<String> examples = cql.lines()
                    .filter(line -> line.startsWith(EXAMPLE_PREFIX))
                    .map(line -> render(
                            line.substring(EXAMPLE_PREFIX.length()).strip().replaceAll(";$", ""), Map.of()))
                    .toList();
            return new CassandraSchema(keyspace, statements, examples);
        }

        private String render(String statement, Map<String, Duration> unusedTtls) {
            String rendered = Pattern.compile("\\b" + Pattern.quote(scriptKeyspace) + "\\.")
                    .matcher(statement)
                    .replaceAll(Matcher.quoteReplacement(keyspace + "."));
            rendered = KEYSPACE_DEFINITION.matcher(rendered).replaceAll("$1" + Matcher.quoteReplacement(keyspace));
            if (replication != null) {
                rendered = REPLICATION.matcher(rendered).replaceAll("$1" + Matcher.quoteReplacement(replication));
            }
            Matcher table = TABLE_DEFINITION.matcher(rendered);
            if (table.find() && tableTtls.containsKey(table.group(1))) {
                unusedTtls.remove(table.group(1));
                rendered = TTL.matcher(rendered)
                        .replaceAll("$1" + tableTtls.get(table.group(1)).toSeconds());
            }
            return rendered;
        }

        private static String stripComments(String cql) {
            StringBuilder out = new StringBuilder();
            cql.lines().forEach(line -> {
                int comment = line.indexOf("--");
                out.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
            });
            return out.toString();
        }
    }
}
