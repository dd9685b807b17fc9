package org.velibstream.data.areas;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * An area with its outline: a JTS {@code Polygon} or {@code MultiPolygon} (holes included), longitude as x and
 * latitude as y, as in GeoJSON.
 *
 * @param code the area's code: a postal code, an INSEE code, the value of a user's {@code --area-property}
 * @param name the area's name, when its source gives one
 * @param geometry a polygonal geometry (Polygon or MultiPolygon)
 */
public record AreaPolygon(String code, @Nullable String name, Geometry geometry) implements Serializable {

    public AreaPolygon {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(geometry, "geometry");
        if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException(
                    "area " + code + ": a Polygon or MultiPolygon is needed, not a " + geometry.getGeometryType());
        }
    }
}
