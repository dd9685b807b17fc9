package org.velibstream.data.areas;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Finds the area a point lies in, among many polygons: a JTS {@link STRtree} of the polygons' envelopes narrows the
 * candidates, each a {@link PreparedGeometry} (indexed edges, so a test costs about log n of its vertices).
 *
 * <p>The rule, the same everywhere an area is placed by coordinates:
 *
 * <ul>
 *   <li>a point on a polygon's boundary is inside it ({@code covers}, not {@code contains}), so that a station on a
 *       border is never left in no area;
 *   <li>when several polygons cover the point (overlapping areas, or the shared border of two), the first in the list
 *       given to the constructor wins; the answer never depends on the tree's layout or on timing.
 * </ul>
 *
 * <p>The tree is built once, in the constructor, and only queried afterwards. Serializable: only the polygons are
 * written, and the tree is built again when the index is read ({@code readResolve}), so that a Flink function can
 * hold an index as a field. Building it for a few thousand polygons takes milliseconds.
 */
public final class AreaIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<AreaPolygon> polygons;
    private final transient STRtree tree;

    /** @param polygons the areas in order of precedence: where they overlap, the first wins */
    public AreaIndex(List<AreaPolygon> polygons) {
        this.polygons = List.copyOf(polygons);
        this.tree = new STRtree();
        for (int order = 0; order < this.polygons.size(); order++) {
            AreaPolygon polygon = this.polygons.get(order);
            tree.insert(
                    polygon.geometry().getEnvelopeInternal(),
                    new Candidate(order, polygon, PreparedGeometryFactory.prepare(polygon.geometry())));
        }
        // Built now, so that queries never build it (STRtree builds itself on the first query otherwise).
        tree.build();
    }

    /**
     * The area covering the point (boundary included), the first in list order when several do; null when none.
     *
     * @param lat latitude, degrees (the polygons' y)
     * @param lon longitude, degrees (the polygons' x)
     */
    public @Nullable AreaPolygon locate(double lat, double lon) {
        if (polygons.isEmpty() || !Double.isFinite(lat) || !Double.isFinite(lon)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Candidate> candidates = tree.query(new Envelope(lon, lon, lat, lat));
        if (candidates.isEmpty()) {
            return null;
        }
        if (candidates.size() > 1) {
            candidates.sort(Comparator.comparingInt(Candidate::order));
        }
        Point point = GeoJsonAreas.GEOMETRY_FACTORY.createPoint(new Coordinate(lon, lat));
        for (Candidate candidate : candidates) {
            if (candidate.prepared().covers(point)) {
                return candidate.polygon();
            }
        }
        return null;
    }

    /** The areas, in order of precedence. */
    public List<AreaPolygon> polygons() {
        return polygons;
    }

    public int size() {
        return polygons.size();
    }

    /** After deserialization: the same polygons, the tree built again. */
    private Object readResolve() {
        return new AreaIndex(polygons);
    }

    private record Candidate(int order, AreaPolygon polygon, PreparedGeometry prepared) {}
}
