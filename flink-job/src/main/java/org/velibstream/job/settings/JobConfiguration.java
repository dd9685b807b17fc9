package org.velibstream.job.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;

/**
 * Reads the job's options: first the file named by {@code --config} (Java properties: {@code window=5 min}), then the
 * command line ({@code --window "5 min"}; a flag without a value means {@code true}). Unknown names and malformed values
 * are rejected up front with a message naming the option, so a typo never silently falls back to a default.
 */
public final class JobConfiguration {

    public static final String CONFIG_FILE = "config";

    private JobConfiguration() {}

    public static boolean wantsHelp(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    public static Configuration fromArgs(String[] args) throws IOException {
        Map<String, String> commandLine = parseCommandLine(args);
        Map<String, String> values = new LinkedHashMap<>();
        String configFile = commandLine.remove(CONFIG_FILE);
        if (configFile != null) {
            values.putAll(readConfigFile(Path.of(configFile)));
        }
        values.putAll(commandLine);
        return validated(values);
    }

    static Map<String, String> parseCommandLine(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("Expected an option like --name value, got '" + arg + "'");
            }
            String name = arg.substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(name, hasValue ? args[++i] : "true");
        }
        return values;
    }

    private static Map<String, String> readConfigFile(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties
                .stringPropertyNames()
                .forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    private static Configuration validated(Map<String, String> values) {
        Set<String> known =
                JobOptions.all().stream().map(ConfigOption::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + unknown + "; the options are " + known);
        }
        Configuration configuration = Configuration.fromMap(values);
        for (ConfigOption<?> option : JobOptions.all()) {
            try {
                configuration.get(option);
            } catch (IllegalArgumentException e) {
                String reason = enumValues(option)
                        .map(allowed -> "expected one of " + allowed)
                        .orElse(e.getMessage());
                throw new IllegalArgumentException(
                        "Bad value '" + values.get(option.key()) + "' for --" + option.key() + ": " + reason, e);
            }
        }
        return configuration;
    }

    /** The values of an enum option, as they are written; empty for other options. */
    private static Optional<String> enumValues(ConfigOption<?> option) {
        Object example = option.hasDefaultValue() ? option.defaultValue() : null;
        if (example instanceof List<?> list && !list.isEmpty()) {
            example = list.get(0);
        }
        return example instanceof Enum<?> value
                ? Optional.of(Arrays.stream(value.getDeclaringClass().getEnumConstants())
                        .map(String::valueOf)
                        .collect(Collectors.joining(", ")))
                : Optional.empty();
    }

    /** The options as a Markdown table, as README.md shows them and {@code --help} prints them. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| option | default | meaning |\n|---|---|---|\n");
        for (ConfigOption<?> option : JobOptions.all()) {
            Object defaultValue = option.hasDefaultValue() ? option.defaultValue() : null;
            String shown = defaultValue == null
                    ? ""
                    : defaultValue instanceof List<?> list
                            ? list.stream().map(String::valueOf).collect(Collectors.joining(";"))
                            : defaultValue instanceof Duration duration
                                    ? TimeUtils.formatWithHighestUnit(duration)
                                    : String.valueOf(defaultValue);
            table.append("| `--")
                    .append(option.key())
                    .append("` | ")
                    .append(shown.isEmpty() ? "" : "`" + shown + "`")
                    .append(" | ")
                    .append(plainText(option).replace("|", "\\|"))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String plainText(ConfigOption<?> option) {
        return option.description().getBlocks().stream()
                .map(block -> block instanceof TextElement text ? text.getFormat() : block.toString())
                .collect(Collectors.joining(" "));
    }
}
