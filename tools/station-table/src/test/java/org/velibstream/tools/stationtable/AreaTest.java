package org.velibstream.tools.stationtable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.velibstream.data.stations.Coordinates;

class AreaTest {

    /** A 10 × 10 square with a 2 × 2 hole in its middle, and a separate 1 × 1 island. */
    private final Area area = new Area(
            "00001",
            "test",
            List.of(
                    new Area.Polygon(List.of(ring(0, 0, 10, 10), ring(4, 4, 6, 6))),
                    new Area.Polygon(List.of(ring(20, 20, 21, 21)))));

    @Test
    void containsPointsInsideTheOutlineButOutsideHoles() {
        assertThat(area.contains(at(1, 1))).isTrue();
        assertThat(area.contains(at(5, 5))).as("in the hole").isFalse();
        assertThat(area.contains(at(20.5, 20.5))).as("on the island").isTrue();
        assertThat(area.contains(at(15, 5))).isFalse();
        assertThat(area.contains(at(-1, 5))).isFalse();
    }

    @Test
    void handlesConcaveRings() {
        // A U shape: the notch between its arms is outside.
        Area.Ring u = new Area.Ring(new double[] {0, 3, 3, 2, 2, 1, 1, 0, 0}, new double[] {0, 0, 3, 3, 1, 1, 3, 3, 0});
        Area concave = new Area("00002", "u", List.of(new Area.Polygon(List.of(u))));

        assertThat(concave.contains(at(0.5, 2))).isTrue();
        assertThat(concave.contains(at(1.5, 2))).as("in the notch").isFalse();
        assertThat(concave.contains(at(2.5, 2))).isTrue();
        assertThat(concave.contains(at(1.5, 0.5))).isTrue();
    }

    /** Lon first, as in GeoJSON. */
    private static Coordinates at(double lon, double lat) {
        return new Coordinates(lat, lon);
    }

    private static Area.Ring ring(double minLon, double minLat, double maxLon, double maxLat) {
        return new Area.Ring(
                new double[] {minLon, maxLon, maxLon, minLon, minLon},
                new double[] {minLat, minLat, maxLat, maxLat, minLat});
    }
}
