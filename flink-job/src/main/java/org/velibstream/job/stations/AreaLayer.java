package org.velibstream.job.stations;

import java.io.Serializable;
import javax.annotation.Nullable;

/**
 * A set of polygons that places a point: a user's {@code --areas} GeoJSON or the built-in Île-de-France postal-code
 * areas. Looked up once per station_information change, never per status. Serializable: {@link AreaPlacement} ships
 * it inside the job's function, so TaskManagers read no file.
 */
@FunctionalInterface
public interface AreaLayer extends Serializable {

    /** The code of the area containing the point; null when no area of this layer contains it. */
    @Nullable
    String locate(double lat, double lon);
}
