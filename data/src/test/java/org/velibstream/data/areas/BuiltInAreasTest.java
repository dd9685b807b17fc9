package org.velibstream.data.areas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.velibstream.data.stations.StationRow;
import org.velibstream.data.stations.StationTableCsv;

class BuiltInAreasTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final Path SHARED = REPOSITORY.resolve("../shared/data");

    private final AreaIndex areas = BuiltInAreas.ileDeFrancePostalCodes();

    @Test
    void holdsTheArrondissementsThenTheCommunes() {
        List<AreaPolygon> byInsee = BuiltInAreas.ileDeFranceInseeAreas();

        assertThat(areas.size()).isEqualTo(byInsee.size()).isEqualTo(1307);
        assertThat(byInsee.get(0).code()).isEqualTo("75101");
        assertThat(byInsee.get(19).code()).isEqualTo("75120");
        assertThat(byInsee).extracting(AreaPolygon::code).doesNotContain("75056");
        assertThat(areas.polygons().get(15).code()).as("75116's postal code").isEqualTo("75016");
        assertThat(areas.polygons()).extracting(AreaPolygon::name).doesNotContainNull();
    }

    @Test
    void placesKnownPlaces() {
        assertThat(areas.locate(48.8584, 2.2945).code()).as("Eiffel Tower").isEqualTo("75007");
        assertThat(areas.locate(48.8584, 2.2945).name()).isEqualTo("Paris");
        assertThat(areas.locate(48.9245, 2.3602).code())
                .as("Stade de France, Saint-Denis")
                .isEqualTo("93200");
        assertThat(areas.locate(48.8049, 2.1204).code())
                .as("Château de Versailles")
                .isEqualTo("78000");
        assertThat(areas.locate(51.5007, -0.1246)).as("London").isNull();
    }

    /** Every station of the 2024 snapshot gets, from the built-in areas, the postal code data/stations.csv gives it. */
    @Test
    void placesEveryStationOfTheSnapshotAsTheStationTableDoes() throws Exception {
        Path snapshot = SHARED.resolve("gbfs_snapshots/2024-11-19_banacchini/station_information.json");
        assumeTrue(Files.isReadable(snapshot), () -> "shared real data not available, skipped: " + snapshot);
        Map<String, String> postalCodeById = new HashMap<>();
        Path table = REPOSITORY.resolve("data/stations.csv");
        try (Reader in = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
            for (StationRow row : StationTableCsv.read(in, table.toString())) {
                postalCodeById.put(row.stationId(), row.postalCode());
            }
        }

        int compared = 0;
        for (JsonNode station :
                new ObjectMapper().readTree(snapshot.toFile()).path("data").path("stations")) {
            String id = station.path("station_id").asText();
            AreaPolygon area = areas.locate(
                    station.path("lat").asDouble(), station.path("lon").asDouble());
            assertThat(area == null ? AreaKind.UNKNOWN_CODE : area.code())
                    .as("station %s", id)
                    .isEqualTo(postalCodeById.get(id));
            compared++;
        }
        assertThat(compared).isEqualTo(1485);
    }
}
