package org.velibstream.data.stations;

import java.io.Serializable;

/** A WGS 84 position in decimal degrees. */
public record Coordinates(double lat, double lon) implements Serializable {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    public Coordinates {
        if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
            throw new IllegalArgumentException("not a WGS 84 position: " + lat + ", " + lon);
        }
    }

    /** The great-circle (haversine) distance, on a sphere of the Earth's mean radius. */
    public double distanceMetersTo(Coordinates other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(other.lat)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
