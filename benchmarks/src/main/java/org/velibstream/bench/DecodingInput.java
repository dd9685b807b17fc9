package org.velibstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationFeedDecoder;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatusDecoder;

/**
 * The documents the decoding benchmarks read: the newest real Vélib' recording in {@code ../shared/data} when it is
 * there, else one tick of {@link SimulatedSystem}. {@code description} says which, so that every result names its
 * input.
 *
 * @param description where the bytes come from
 * @param stationStatus a whole station_status document
 * @param stationInformation a whole station_information document of the same system
 * @param statusStations the entries of {@code stationStatus} that decode without rejection
 * @param informationStations the entries of {@code stationInformation} that decode without rejection
 */
public record DecodingInput(
        String description,
        byte[] stationStatus,
        byte[] stationInformation,
        int statusStations,
        int informationStations) {

    /** The recording the benchmarks read when it is there: the newest, with the most stations. */
    public static final String REAL_SNAPSHOT = "2024-11-19_banacchini";

    public DecodingInput {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(stationStatus, "stationStatus");
        Objects.requireNonNull(stationInformation, "stationInformation");
    }

    public static DecodingInput load() throws IOException {
        Optional<Path> real = BenchmarkPaths.sharedSnapshots()
                .map(snapshots -> snapshots.resolve(REAL_SNAPSHOT))
                .filter(folder -> Files.isRegularFile(folder.resolve("station_status.json"))
                        && Files.isRegularFile(folder.resolve("station_information.json")));
        if (real.isPresent()) {
            Path folder = real.get();
            return of(
                    "real Vélib' recording " + REAL_SNAPSHOT,
                    Files.readAllBytes(folder.resolve("station_status.json")),
                    Files.readAllBytes(folder.resolve("station_information.json")));
        }
        SimulatedSystem simulated = SimulatedSystem.fromStationTable();
        return of(
                "simulated (StationSimulation seed " + SimulatedSystem.SEED + " over data/stations.csv; "
                        + "../shared/data absent)",
                simulated.stationStatus(0),
                simulated.stationInformation());
    }

    static DecodingInput of(String description, byte[] stationStatus, byte[] stationInformation) {
        return new DecodingInput(
                description,
                stationStatus,
                stationInformation,
                decodedStations(new StationStatusDecoder(), stationStatus, description),
                decodedStations(new StationInformationDecoder(), stationInformation, description));
    }

    private static <T> int decodedStations(StationFeedDecoder<T> decoder, byte[] document, String description) {
        List<T> stations = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try {
            decoder.decodeDocument(document, StationListener.collectingInto(stations, rejections));
        } catch (GbfsDecodingException e) {
            throw new IllegalArgumentException(
                    "The benchmark input (" + description + ") does not decode with "
                            + decoder.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
        return stations.size();
    }

    public double statusMegabytes() {
        return stationStatus.length / 1e6;
    }

    public double informationMegabytes() {
        return stationInformation.length / 1e6;
    }
}
