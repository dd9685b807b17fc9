package org.velibstream.bench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkPeerOptionsTest {

    private static final String[] REQUIRED = {
        "--bootstrap",
        "127.0.0.1:45092",
        "--topic",
        "velib-projet",
        "--stations",
        "data/stations.csv",
        "--expected-records",
        "300_000"
    };

    @Test
    void requiredOptionsTakeVelibStreamsDefaultsForTheRest() {
        SparkPeerOptions options = SparkPeerOptions.parse(REQUIRED);

        assertThat(options)
                .isEqualTo(new SparkPeerOptions(
                        "127.0.0.1:45092",
                        "velib-projet",
                        Path.of("data/stations.csv"),
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(30),
                        300_000,
                        null,
                        "local[2]",
                        Duration.ofMinutes(10),
                        Map.of()));
        assertThat(options.localThreads()).isEqualTo(2);
    }

    @Test
    void readsEveryOption() {
        SparkPeerOptions options = SparkPeerOptions.parse(concat(
                REQUIRED,
                "--window",
                "30s",
                "--max-out-of-orderness",
                "10 s",
                "--output",
                "out/stats.jsonl",
                "--master",
                "local[1]",
                "--timeout",
                "2min",
                "--conf",
                "spark.sql.shuffle.partitions=4",
                "--conf",
                "spark.a=b=c"));

        assertThat(options.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.output()).isEqualTo(Path.of("out/stats.jsonl"));
        assertThat(options.localThreads()).isEqualTo(1);
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.sparkConf())
                .containsExactlyInAnyOrderEntriesOf(Map.of("spark.sql.shuffle.partitions", "4", "spark.a", "b=c"));
    }

    @Test
    void localStarUsesEveryCore() {
        assertThat(SparkPeerOptions.parse(concat(REQUIRED, "--master", "local[*]"))
                        .localThreads())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void refusesBadCommandLinesNamingTheOption() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse("--topic", "t"))
                .withMessage("missing --bootstrap");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse(concat(REQUIRED, "--colour", "x")))
                .withMessage("unknown option --colour");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse(concat(REQUIRED, "--window")))
                .withMessage("--window needs a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse(concat(REQUIRED, "--window", "soon")))
                .withMessageStartingWith("--window: not a duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse(concat(REQUIRED, "--window", "0s")))
                .withMessageStartingWith("--window must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse(concat(REQUIRED, "--topic", "x")))
                .withMessage("--topic is given twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse(concat(REQUIRED, "--master", "spark://host:7077")))
                .withMessageStartingWith("--master must be local[N]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse(concat(REQUIRED, "--conf", "x")))
                .withMessage("--conf takes key=value, got 'x'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SparkPeerOptions.parse(
                        "--bootstrap", "b", "--topic", "t", "--stations", "s", "--expected-records", "many"))
                .withMessageStartingWith("--expected-records: not a whole number");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
