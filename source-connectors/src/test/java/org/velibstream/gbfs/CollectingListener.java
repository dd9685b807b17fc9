package org.velibstream.gbfs;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a decoder hands over, in order. */
final class CollectingListener<T> implements StationListener<T> {

    final List<T> stations = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void onStation(T station) {
        stations.add(station);
    }

    @Override
    public void onRejected(Rejection rejection) {
        rejections.add(rejection);
    }
}
