package org.velibstream.job.stations;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One {@code --areas} entry: a user's polygons, for one system or for all.
 *
 * @param systemId the system these areas apply to; null for every system
 * @param source where the polygons were read from, for messages
 */
public record UserAreas(@Nullable String systemId, String source, AreaLayer layer) implements Serializable {

    public UserAreas {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(layer, "layer");
    }

    boolean appliesTo(String system) {
        return systemId == null || systemId.equals(system);
    }
}
