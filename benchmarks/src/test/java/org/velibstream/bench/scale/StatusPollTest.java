package org.velibstream.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusPollTest {

    @TempDir
    Path folder;

    @Test
    void onlyFullStationStatusAnswersArePolls() throws IOException {
        Path log = folder.resolve("requests.log");
        Files.writeString(log, """
                1000 GET /station_status.json 200 60
                1001 GET /systems/12/station_status.json 200 120
                1002 GET /systems/12/station_status.json 304 120
                1003 GET /systems/12/station_information.json 200 0
                1004 GET /systems/12/gbfs.json 200 120
                1005 HEAD /systems/3/station_status.json 200 120
                1006 GET /systems/x/station_status.json 404 -
                """);

        assertThat(StatusPoll.readRequestLog(log))
                .containsExactly(new StatusPoll(0, 60, 1000), new StatusPoll(12, 120, 1001));
    }

    @Test
    void aLineThatIsNotARequestIsAnErrorNamingIt() throws IOException {
        Path log = folder.resolve("requests.log");
        Files.writeString(log, "GBFS replay server ready\n");

        assertThatThrownBy(() -> StatusPoll.readRequestLog(log))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'GBFS replay server ready'");
    }
}
