package org.velibstream.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.job.alerts.StationAlert;
import org.velibstream.job.model.DeadLetter;
import org.velibstream.job.stats.AreaStats;
import org.velibstream.sink.json.JsonCodec;

/**
 * The hand-made replay in {@code src/test/resources/replay}: four Vélib'-shaped station_status snapshots a minute
 * apart (08:00:30, 08:01:30, 08:02:30 UTC on 2024-11-19, and a truncated one at 08:03:30) and their
 * station_information. Stations, placed by their coordinates in the built-in Île-de-France postal-code areas:
 * 16107 (75016), 99001 (110 m from 16107, also in 75016), 99002 (outside Île-de-France and without post_code or
 * region: UNKNOWN; gone from the second snapshot on) and 32017 (93200, drops from 10 bikes to 0 in the third
 * snapshot). The third snapshot also holds an entry without bike counts.
 */
final class ReplayFixture {

    static final Instant W0 = Instant.parse("2024-11-19T08:00:00Z");
    static final Instant W1 = Instant.parse("2024-11-19T08:01:00Z");
    static final Instant W2 = Instant.parse("2024-11-19T08:02:00Z");
    static final Instant W3 = Instant.parse("2024-11-19T08:03:00Z");

    /** Expected rows with the default one-minute windows: the system as of each window's end. */
    static final List<AreaStats> EXPECTED_STATS = List.of(
            new AreaStats("velib", AreaKind.POSTAL_CODE, "75016", W0, W1, 2, 5, 3, 2, 40, 45, 1, 0, 0, 0),
            new AreaStats("velib", AreaKind.UNKNOWN, "UNKNOWN", W0, W1, 1, 2, 2, 0, 8, 10, 0, 0, 0, 0),
            new AreaStats("velib", AreaKind.POSTAL_CODE, "93200", W0, W1, 1, 10, 4, 6, 12, 22, 0, 0, 0, 0),
            new AreaStats("velib", AreaKind.POSTAL_CODE, "75016", W1, W2, 2, 4, 2, 2, 41, 45, 1, 0, 0, 0),
            new AreaStats("velib", AreaKind.UNKNOWN, "UNKNOWN", W1, W2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            new AreaStats("velib", AreaKind.POSTAL_CODE, "93200", W1, W2, 1, 10, 4, 6, 12, 22, 0, 0, 0, 0),
            new AreaStats("velib", AreaKind.POSTAL_CODE, "75016", W2, W3, 2, 5, 3, 2, 40, 45, 0, 0, 0, 0),
            new AreaStats("velib", AreaKind.POSTAL_CODE, "93200", W2, W3, 1, 0, 0, 0, 22, 22, 1, 0, 0, 0));

    private ReplayFixture() {}

    static Path statusDirectory() {
        return resource("replay/status");
    }

    static Path informationFile() {
        return resource("replay/station_information.json");
    }

    static String[] replayArgs(Path output) {
        return new String[] {
            "--source",
            "files",
            "--status",
            statusDirectory().toString(),
            "--information",
            informationFile().toString(),
            "--sink",
            "jsonl",
            "--output",
            output.toString(),
            "--checkpoint-interval",
            "1 s"
        };
    }

    static List<AreaStats> readStats(Path output) throws IOException {
        return readLines(output.resolve("stats.jsonl"), AreaStats.class);
    }

    static List<StationAlert> readAlerts(Path output) throws IOException {
        return readLines(output.resolve("alerts.jsonl"), StationAlert.class);
    }

    static List<DeadLetter> readDeadLetters(Path output) throws IOException {
        return readLines(output.resolve("deadletter.jsonl"), DeadLetter.class);
    }

    private static <T> List<T> readLines(Path file, Class<T> type) throws IOException {
        ObjectMapper mapper = JsonCodec.newMapper();
        List<T> values = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            values.add(mapper.readValue(line, type));
        }
        return values;
    }

    private static Path resource(String name) {
        try {
            return Path.of(
                    ReplayFixture.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
