package org.velibstream.data.areas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.data.areas.GeoJsonAreasTest.SQUARE_WITH_HOLE;
import static org.velibstream.data.areas.GeoJsonAreasTest.collection;
import static org.velibstream.data.areas.GeoJsonAreasTest.feature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

class AreaIndexTest {

    /** A 10 × 10 square with a hole; an island of two squares; and C overlapping A's right half, listed after it. */
    private final AreaIndex index = index(
            feature("{\"zone\": \"A\"}", "Polygon", SQUARE_WITH_HOLE),
            feature(
                    "{\"zone\": \"B\"}",
                    "MultiPolygon",
                    "[[[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]],"
                            + " [[[30, 30], [31, 30], [31, 31], [30, 31], [30, 30]]]]"),
            feature("{\"zone\": \"C\"}", "Polygon", "[[[5, 0], [15, 0], [15, 10], [5, 10], [5, 0]]]"));

    @Test
    void findsThePolygonAPointIsIn() {
        assertThat(code(index, 1, 1)).isEqualTo("A");
        assertThat(code(index, 20.5, 20.5))
                .as("first polygon of the MultiPolygon")
                .isEqualTo("B");
        assertThat(code(index, 30.5, 30.5))
                .as("second polygon of the MultiPolygon")
                .isEqualTo("B");
        assertThat(code(index, 12, 5)).isEqualTo("C");
        assertThat(code(index, 25, 25)).as("between B's polygons").isNull();
        assertThat(code(index, -1, 5)).isNull();
    }

    @Test
    void aPointInAHoleIsNotInThePolygon() {
        assertThat(code(index, 4.5, 5)).as("in A's hole, not in C").isNull();
        assertThat(code(index, 5.5, 5)).as("in A's hole, and in C").isEqualTo("C");
    }

    @Test
    void theFirstOfOverlappingPolygonsWins() {
        assertThat(code(index, 8, 8)).isEqualTo("A");
        AreaIndex reversed =
                new AreaIndex(List.of(index.polygons().get(2), index.polygons().get(0)));
        assertThat(code(reversed, 8, 8)).isEqualTo("C");
    }

    @Test
    void theBoundaryIsInside() {
        assertThat(code(index, 0, 5)).as("on A's outline").isEqualTo("A");
        assertThat(code(index, 0, 0)).as("on A's corner").isEqualTo("A");
        assertThat(code(index, 4, 5)).as("on A's hole's outline").isEqualTo("A");
        assertThat(code(index, 15, 5)).as("on C's outline").isEqualTo("C");
        assertThat(code(index, 21, 20.5)).as("on B's outline").isEqualTo("B");
    }

    @Test
    void noPolygonsNoArea() {
        assertThat(new AreaIndex(List.of()).locate(48.85, 2.35)).isNull();
        assertThat(index.locate(Double.NaN, 1)).isNull();
    }

    @Test
    void survivesSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(index);
        }
        AreaIndex copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (AreaIndex) in.readObject();
        }

        assertThat(copy.size()).isEqualTo(3);
        assertThat(code(copy, 1, 1)).isEqualTo("A");
        assertThat(code(copy, 5, 5)).isEqualTo("C");
        assertThat(code(copy, 30.5, 30.5)).isEqualTo("B");
        assertThat(code(copy, 8, 8)).isEqualTo("A");
    }

    /** Longitude first, as in the GeoJSON above. */
    private static @Nullable String code(AreaIndex index, double lon, double lat) {
        AreaPolygon area = index.locate(lat, lon);
        return area == null ? null : area.code();
    }

    private static AreaIndex index(String... features) {
        try {
            return new AreaIndex(GeoJsonAreasTest.read(collection(features)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
