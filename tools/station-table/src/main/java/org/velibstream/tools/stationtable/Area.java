package org.velibstream.tools.stationtable;

import java.util.List;
import java.util.Objects;
import org.velibstream.data.stations.Coordinates;

/**
 * An administrative area (a commune, a Paris arrondissement) with its GeoJSON outline: one or more polygons, each an
 * outer ring with optional holes.
 *
 * @param inseeCode the area's INSEE code
 * @param name the area's name
 * @param polygons the outline; a GeoJSON Polygon gives one, a MultiPolygon several
 */
public record Area(String inseeCode, String name, List<Polygon> polygons) {

    public Area {
        Objects.requireNonNull(inseeCode, "inseeCode");
        Objects.requireNonNull(name, "name");
        polygons = List.copyOf(polygons);
    }

    public boolean contains(Coordinates point) {
        return polygons.stream().anyMatch(polygon -> polygon.contains(point));
    }

    /** A polygon: its first ring is the outline, the others are holes. */
    public record Polygon(List<Ring> rings) {

        public Polygon {
            rings = List.copyOf(rings);
            if (rings.isEmpty()) {
                throw new IllegalArgumentException("a polygon needs an outer ring");
            }
        }

        boolean contains(Coordinates point) {
            if (!rings.get(0).contains(point)) {
                return false;
            }
            return rings.stream().skip(1).noneMatch(hole -> hole.contains(point));
        }
    }

    /** A closed ring of positions, longitude first as in GeoJSON. */
    public static final class Ring {
        private final double[] lons;
        private final double[] lats;

        public Ring(double[] lons, double[] lats) {
            if (lons.length != lats.length || lons.length < 3) {
                throw new IllegalArgumentException("a ring needs at least 3 positions, with as many lons as lats");
            }
            this.lons = lons.clone();
            this.lats = lats.clone();
        }

        /**
         * Ray casting: a ray from the point towards increasing longitude crosses the ring's edges an odd number of
         * times when the point is inside. Degrees are treated as planar, which is exact enough at a commune's scale.
         */
        boolean contains(Coordinates point) {
            boolean inside = false;
            for (int i = 0, j = lons.length - 1; i < lons.length; j = i++) {
                boolean straddles = (lats[i] > point.lat()) != (lats[j] > point.lat());
                if (straddles) {
                    double crossingLon = lons[j] + (point.lat() - lats[j]) * (lons[i] - lons[j]) / (lats[i] - lats[j]);
                    if (point.lon() < crossingLon) {
                        inside = !inside;
                    }
                }
            }
            return inside;
        }
    }
}
