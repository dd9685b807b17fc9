package org.velibstream.gbfs;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a decoder hands over, in order. */
final class CollectingListener<T> implements StationListener<T> {

    final List<T> stations = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    private final StationListener<T> delegate = StationListener.collectingInto(stations, rejections);

    @Override
    public void onStation(T station) {
        delegate.onStation(station);
    }

    @Override
    public void onRejected(Rejection rejection) {
        delegate.onRejected(rejection);
    }
}
