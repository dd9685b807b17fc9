package org.velibstream.gbfs;

/** The two kinds of bike that {@link StationStatus} counts apart. */
public enum BikeType {
    MECHANICAL,
    EBIKE
}
