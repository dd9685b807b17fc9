package org.velibstream.job.stations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.velibstream.data.areas.AreaIndex;
import org.velibstream.data.areas.AreaPolygon;
import org.velibstream.data.areas.BuiltInAreas;
import org.velibstream.data.areas.GeoJsonAreas;
import org.velibstream.job.settings.AreaFile;
import org.velibstream.job.settings.PipelineSettings;

/**
 * Builds the job's {@link AreaPlacement} from the options, on the client: the {@code --stations} table, the
 * {@code --areas} files and the built-in areas are read here, once, and shipped inside the placing function.
 */
public final class AreaSources {

    private AreaSources() {}

    /**
     * The placement the options describe.
     *
     * @param regionNames per system id, {@code region_id} → region name, from each system's system_regions
     * @throws IllegalArgumentException when a file cannot be read or is not what its option expects
     */
    public static AreaPlacement placement(PipelineSettings settings, Map<String, Map<String, String>> regionNames) {
        StationDirectory overrides = null;
        if (settings.stationsTable() != null) {
            try {
                overrides = StationDirectory.fromFile(Path.of(settings.stationsTable()));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "Cannot read --stations " + settings.stationsTable() + ": " + e.getMessage(), e);
            }
        }
        List<UserAreas> userAreas = new ArrayList<>();
        for (AreaFile file : settings.areas()) {
            userAreas.add(new UserAreas(file.systemId(), file.path(), userLayer(file, settings.areaProperty())));
        }
        StationDirectory velibTable;
        try {
            velibTable = StationDirectory.fromClasspath();
        } catch (IOException e) {
            throw new IllegalStateException("The job jar lacks its Vélib' station table: " + e.getMessage(), e);
        }
        return new AreaPlacement(overrides, userAreas, builtInPostalCodes(), regionNames)
                .withTableForStationsWithoutInformation(velibTable);
    }

    /** The built-in Île-de-France postal-code areas, from the data module's classpath. */
    public static AreaLayer builtInPostalCodes() {
        return new IndexedAreaLayer(BuiltInAreas.ileDeFrancePostalCodes());
    }

    private static AreaLayer userLayer(AreaFile file, String property) {
        Path path = Path.of(file.path());
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("Cannot read --areas file " + path + ": no such readable file");
        }
        try {
            return readGeoJson(path, property);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Bad --areas file " + path + " (area codes in property '" + property + "'): " + e.getMessage(), e);
        }
    }

    /** The polygons of a GeoJSON FeatureCollection, each named by {@code property}. */
    static AreaLayer readGeoJson(Path file, String property) throws IOException {
        return new IndexedAreaLayer(new AreaIndex(GeoJsonAreas.read(file, property)));
    }

    /** An {@link AreaIndex} as a layer: the code of the first polygon covering the point. */
    private record IndexedAreaLayer(AreaIndex index) implements AreaLayer {

        @Override
        @Nullable
        public String locate(double lat, double lon) {
            AreaPolygon polygon = index.locate(lat, lon);
            return polygon != null ? polygon.code() : null;
        }
    }
}
