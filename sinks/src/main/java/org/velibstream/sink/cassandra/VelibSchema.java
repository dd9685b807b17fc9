package org.velibstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * The schema of {@code cassandra/velib-schema.cql}, with its keyspace name, replication and table TTLs replaced by
 * the configured ones, and a way to create whatever of it is missing. The CQL file stays the one source: this class
 * only substitutes into it.
 *
 * <pre>{@code
 * VelibSchema schema = VelibSchema.builder()
 *         .keyspace("velib")
 *         .replication("{'class': 'NetworkTopologyStrategy', 'dc1': 3}")
 *         .tableTtl("postal_code_stats", Duration.ofDays(30))
 *         .build();
 * try (CqlSession session = CassandraSessionFactory.open(sink.connectionOptions().withoutKeyspace())) {
 *     schema.applyTo(session);
 * }
 * }</pre>
 */
public final class VelibSchema {

    /** The classpath resource holding the schema. */
    public static final String RESOURCE = "/cassandra/velib-schema.cql";

    public static final String DEFAULT_KEYSPACE = "velib";

    private static final Logger LOG = LoggerFactory.getLogger(VelibSchema.class);
    private static final Pattern KEYSPACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b" + DEFAULT_KEYSPACE + "\\.");
    private static final Pattern KEYSPACE_DEFINITION =
            Pattern.compile("(CREATE KEYSPACE IF NOT EXISTS )" + DEFAULT_KEYSPACE + "\\b");
    private static final Pattern REPLICATION = Pattern.compile("(replication = )\\{[^}]*}");
    private static final Pattern TABLE_DEFINITION = Pattern.compile("CREATE TABLE IF NOT EXISTS \\w+\\.(\\w+)");
    private static final Pattern TTL = Pattern.compile("(default_time_to_live = )\\d+");
    private static final String EXAMPLE_PREFIX = "-- example:";
    private static final Duration SCHEMA_STATEMENT_TIMEOUT = Duration.ofSeconds(60);

    private final String keyspace;
    private final List<String> statements;
    private final List<String> exampleQueries;

    private VelibSchema(String keyspace, List<String> statements, List<String> exampleQueries) {
        this.keyspace = keyspace;
        this.statements = List.copyOf(statements);
        this.exampleQueries = List.copyOf(exampleQueries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String keyspace() {
        return keyspace;
    }

    /** The CQL statements, in order, without comments or the trailing semicolon. */
    public List<String> statements() {
        return statements;
    }

    /** The example queries from the file's comment block, in this keyspace, without the trailing semicolon. */
    public List<String> exampleQueries() {
        return exampleQueries;
    }

    /**
     * The value of the {@code day} partition-key columns: the calendar date of {@code instant} in the bike-share
     * system's time zone ({@code Europe/Paris} for Vélib'), as {@code yyyy-MM-dd}.
     */
    public static String day(Instant instant, ZoneId systemZone) {
        return LocalDate.ofInstant(instant, systemZone).toString();
    }

    /** Creates the keyspace, tables and index that do not exist yet; existing ones are left as they are. */
    public void applyTo(CqlSession session) {
        for (String statement : statements) {
            LOG.info("Applying {}", statement.lines().findFirst().orElse(statement));
            session.execute(SimpleStatement.newInstance(statement).setTimeout(SCHEMA_STATEMENT_TIMEOUT));
        }
    }

    static String readResource() {
        try (InputStream in = VelibSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    /** Options of the schema; unset ones keep the file's values. */
    public static final class Builder {

        private String keyspace = DEFAULT_KEYSPACE;
        private String replication;
        private final Map<String, Duration> tableTtls = new HashMap<>();

        private Builder() {}

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

        public VelibSchema build() {
            String file = readResource();
            List<String> statements = new ArrayList<>();
            Map<String, Duration> unusedTtls = new HashMap<>(tableTtls);
            for (String raw : stripComments(file).split(";")) {
                String statement = raw.strip();
                if (!statement.isEmpty()) {
                    statements.add(render(statement, unusedTtls));
                }
            }
            if (!unusedTtls.isEmpty()) {
                throw new IllegalArgumentException(
                        "No table " + unusedTtls.keySet() + " in " + RESOURCE + " to set a TTL on");
            }
            List<String> examples = file.lines()
                    .filter(line -> line.startsWith(EXAMPLE_PREFIX))
                    .map(line -> render(
                            line.substring(EXAMPLE_PREFIX.length()).strip().replaceAll(";$", ""), Map.of()))
                    .toList();
            return new VelibSchema(keyspace, statements, examples);
        }

        private String render(String statement, Map<String, Duration> unusedTtls) {
            String rendered = QUALIFIED_NAME.matcher(statement).replaceAll(Matcher.quoteReplacement(keyspace + "."));
            rendered = KEYSPACE_DEFINITION.matcher(rendered).replaceAll("$1" + keyspace);
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
