package org.velibstream.bench.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A station_status document the replay server sent in full (200): which simulated system, the document's time, and
 * when the request arrived, the closest the server sees to the poll's start.
 *
 * @param system the system's index in the replay server ({@code /systems/<i>/}; 0 is also served at the root)
 */
public record StatusPoll(int system, long documentEpochSecond, long arrivalEpochMillis) {

    private static final Pattern STATUS_PATH = Pattern.compile("(?:/systems/(\\d+))?/station_status\\.json");

    /**
     * The full station_status answers in a replay server's {@code --request-log}; 304s, other feeds and errors are
     * left out, as they bring the job nothing new.
     */
    public static List<StatusPoll> readRequestLog(Path requestLog) throws IOException {
        List<StatusPoll> polls = new ArrayList<>();
        for (String line : Files.readAllLines(requestLog, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields.length != 5) {
                throw new IOException("Not a request log line (arrival method path status time): '" + line + "'");
            }
            Matcher status = STATUS_PATH.matcher(fields[2]);
            if (!fields[1].equals("GET") || !fields[3].equals("200") || !status.matches()) {
                continue;
            }
            int system = status.group(1) == null ? 0 : Integer.parseInt(status.group(1));
            polls.add(new StatusPoll(system, Long.parseLong(fields[4]), Long.parseLong(fields[0])));
        }
        return polls;
    }
}
