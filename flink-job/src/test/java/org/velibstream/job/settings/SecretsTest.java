package org.velibstream.job.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path folder;

    @Test
    void readsTheVariable() {
        assertThat(new Secrets(Map.of("PASSWORD", "s3cret")).require("PASSWORD", "--user"))
                .isEqualTo("s3cret");
    }

    @Test
    void readsTheFileTheFileVariableNamesWithoutItsLastLineBreak() throws Exception {
        Path file = Files.writeString(folder.resolve("password"), "s3cret with spaces \n");

        assertThat(new Secrets(Map.of("PASSWORD_FILE", file.toString())).require("PASSWORD", "--user"))
                .isEqualTo("s3cret with spaces ");
    }

    @Test
    void aMissingSecretNamesBothVariablesAndTheOptionThatNeedsIt() {
        assertThatThrownBy(() -> new Secrets(Map.of()).require("PASSWORD", "--user"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--user needs a password: set the environment variable PASSWORD, or PASSWORD_FILE to a file "
                                + "holding it");
        assertThatThrownBy(() -> new Secrets(Map.of("PASSWORD", "")).require("PASSWORD", "--user"))
                .hasMessageContaining("needs a password");
    }

    @Test
    void bothVariablesAtOnceAreRefusedWithoutShowingEither() throws Exception {
        Path file = Files.writeString(folder.resolve("password"), "from-file");

        assertThatThrownBy(() -> new Secrets(Map.of("PASSWORD", "from-variable", "PASSWORD_FILE", file.toString()))
                        .require("PASSWORD", "--user"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--user: set either PASSWORD or PASSWORD_FILE, not both");
    }

    @Test
    void anUnreadableFileIsNamed() {
        Path missing = folder.resolve("missing");

        assertThatThrownBy(() -> new Secrets(Map.of("PASSWORD_FILE", missing.toString())).require("PASSWORD", "--user"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the file " + missing + " named by PASSWORD_FILE");
    }
}
