package org.velibstream.job.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the job's passwords come from: an environment variable ({@code VELIB_KAFKA_SASL_PASSWORD}), or the file that
 * the same name with {@code _FILE} appended names ({@code VELIB_KAFKA_SASL_PASSWORD_FILE}, as mounted secrets are).
 * Never from an option: options show in the command line, in {@code ps}, and in Flink's job configuration.
 *
 * <p>Messages name the variables and the option that needs them, never a value.
 */
public final class Secrets {

    static final String FILE_SUFFIX = "_FILE";

    private final Map<String, String> environment;

    public Secrets(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The secrets of this process's environment. */
    public static Secrets fromEnvironment() {
        return new Secrets(System.getenv());
    }

    /**
     * The secret named {@code variable}, from the variable itself or from the file {@code variable_FILE} names (one
     * trailing line break removed, as {@code echo} writes one).
     *
     * @param neededBy the option that asks for it, for the message when it is missing
     * @throws IllegalArgumentException when neither is set, both are, the file cannot be read or the secret is empty
     */
    public String require(String variable, String neededBy) {
        String value = environment.get(variable);
        String file = environment.get(variable + FILE_SUFFIX);
        if (value != null && file != null) {
            throw new IllegalArgumentException(
                    neededBy + ": set either " + variable + " or " + variable + FILE_SUFFIX + ", not both");
        }
        if (file != null) {
            try {
                value = Files.readString(Path.of(file), StandardCharsets.UTF_8).replaceFirst("\r?\n$", "");
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        neededBy + ": cannot read the file " + file + " named by " + variable + FILE_SUFFIX + " ("
                                + e.getClass().getSimpleName() + ")",
                        e);
            }
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(neededBy + " needs a password: set the environment variable " + variable
                    + ", or " + variable + FILE_SUFFIX + " to a file holding it");
        }
        return value;
    }
}
