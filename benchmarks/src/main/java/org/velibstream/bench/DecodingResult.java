package org.velibstream.bench;

/**
 * One decoding benchmark's documents per second (over its measurement iterations), with what they mean per core: the
 * benchmarks are single-threaded, so a document's size and stations turn documents/s into MB/s and stations/s.
 */
public record DecodingResult(String benchmark, Summary documentsPerSecond, int documentBytes, int documentStations) {

    public Summary megabytesPerSecond() {
        return scaled(documentBytes / 1e6);
    }

    public Summary stationsPerSecond() {
        return scaled(documentStations);
    }

    private Summary scaled(double factor) {
        return new Summary(
                documentsPerSecond.median() * factor,
                documentsPerSecond.min() * factor,
                documentsPerSecond.max() * factor,
                documentsPerSecond.samples());
    }
}
