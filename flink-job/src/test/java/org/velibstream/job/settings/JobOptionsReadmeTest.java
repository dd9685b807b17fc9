package org.velibstream.job.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md documents every option with its real default: the table there is the one {@code --help} prints. */
class JobOptionsReadmeTest {

    private static final String BEGIN = "<!-- options:begin";
    private static final String END = "<!-- options:end -->";

    @Test
    void readmeTableIsTheGeneratedOne() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf('\n', readme.indexOf(BEGIN)) + 1;
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has the options markers").isPositive();
        assertThat(readme.substring(begin, end).strip())
                .as(
                        "README.md's options table; regenerate it with `java -jar flink-job/target/velib-stream-job.jar --help`")
                .isEqualTo(JobConfiguration.markdownTable().strip());
    }
}
