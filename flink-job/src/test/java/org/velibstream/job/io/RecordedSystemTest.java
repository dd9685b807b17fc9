package org.velibstream.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.velibstream.gbfs.BikeType;
import org.velibstream.job.ingest.GbfsSystemProfile;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.settings.JobSettings;

/** A replay's system: its id, profile and station_information from the files beside its snapshots. */
class RecordedSystemTest {

    static final String SYSTEM_INFORMATION = """
            {"last_updated":1673420296,"ttl":5,"data":{"system_id":"fgb","name":"Bay Wheels",
             "timezone":"America/Los_Angeles","language":"en"}}""";
    static final String VEHICLE_TYPES = """
            {"last_updated":1673420296,"ttl":5,"version":"2.3","data":{"vehicle_types":[
             {"vehicle_type_id":"1","form_factor":"bicycle","propulsion_type":"human"},
             {"vehicle_type_id":"2","form_factor":"bicycle","propulsion_type":"electric_assist"},
             {"vehicle_type_id":"3","form_factor":"scooter","propulsion_type":"electric"}]}}""";
    static final String SYSTEM_REGIONS = """
            {"last_updated":1673420296,"ttl":5,"data":{"regions":[
             {"region_id":"3","name":"San Francisco"},{"region_id":"5","name":"Oakland"}]}}""";

    @TempDir
    Path recording;

    @Test
    void theRecordedSystemInformationNamesTheSystemAndGivesItsClock() throws Exception {
        Path status = statusFolderWithFeedsInItsParent();

        InputSources inputs = files("--status", status.toString());

        GbfsSystemProfile profile = new GbfsSystemProfile(
                "fgb",
                "Bay Wheels",
                ZoneId.of("America/Los_Angeles"),
                Map.of("1", BikeType.MECHANICAL, "2", BikeType.EBIKE),
                Map.of("3", "San Francisco", "5", "Oakland"));
        assertThat(inputs.profiles()).isEqualTo(Map.of("fgb", profile));
        assertThat(inputs.timeZones().zoneOf("fgb")).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(inputs.timeZones().zoneOf("raw")).as("the fallback").isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(inputs.regionNames()).isEqualTo(Map.of("fgb", Map.of("3", "San Francisco", "5", "Oakland")));
    }

    @Test
    void anExplicitRawSystemIdAndTimeZoneWinOverTheRecording() throws Exception {
        Path status = statusFolderWithFeedsInItsParent();

        InputSources inputs = files("--status", status.toString(), "--raw-system-id", "sf", "--time-zone", "UTC");

        assertThat(inputs.profiles()).containsOnlyKeys("sf");
        assertThat(inputs.profiles().get("sf").name()).isEqualTo("Bay Wheels");
        assertThat(inputs.timeZones().zoneOf("sf")).isEqualTo(ZoneId.of("UTC"));
        assertThat(inputs.timeZones().zoneOf("other")).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void withoutSystemInformationTheSystemIsVelibInParis() throws Exception {
        write(recording.resolve("1654562012.json"), "{\"last_updated\":1654562012,\"data\":{\"stations\":[]}}");

        InputSources inputs = files("--status", recording.toString());

        assertThat(inputs.profiles()).isEqualTo(Map.of("velib", GbfsSystemProfile.unknown("velib")));
        assertThat(inputs.timeZones().zoneOf("velib")).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void brokenOptionalFeedsLeaveTheirPartEmpty() throws Exception {
        write(recording.resolve("1654562012.json"), "{\"last_updated\":1654562012,\"data\":{\"stations\":[]}}");
        write(recording.resolve("system_information.json"), "{\"data\":{\"system_id\":\"x y\",\"timezone\":\"Mars\"}}");
        write(recording.resolve("vehicle_types.json"), "not json");
        write(recording.resolve("system_regions.json"), "{\"data\":{}}");

        InputSources inputs = files("--status", recording.toString());

        assertThat(inputs.profiles()).isEqualTo(Map.of("velib", GbfsSystemProfile.unknown("velib")));
    }

    private Path statusFolderWithFeedsInItsParent() throws IOException {
        Path status = recording.resolve("status");
        write(status.resolve("1673161867_station_status.json"), "{\"last_updated\":1673161867,\"data\":{}}");
        write(recording.resolve("system_information.json"), SYSTEM_INFORMATION);
        write(recording.resolve("vehicle_types.json"), VEHICLE_TYPES);
        write(recording.resolve("system_regions.json"), SYSTEM_REGIONS);
        write(recording.resolve("station_information.json"), "{}");
        return status;
    }

    private static InputSources files(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--source", "files", "--sink", "print"));
        all.addAll(List.of(args));
        JobSettings settings = JobSettings.from(JobConfiguration.fromArgs(all.toArray(String[]::new)));
        return InputSources.resolve(settings.input(), null);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
