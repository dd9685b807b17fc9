package org.velibstream.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.util.Collector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.velibstream.gbfs.GbfsDecodingException;
import org.velibstream.gbfs.Rejection;
import org.velibstream.gbfs.StationInformationDecoder;
import org.velibstream.gbfs.StationListener;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.gbfs.StationStatusDecoder;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.GbfsEndpointId;
import org.velibstream.job.ingest.GbfsFeed;
import org.velibstream.job.ingest.GbfsResponseDeserializer;
import org.velibstream.source.http.PolledResponse;

/**
 * Decoding one whole document, single-threaded: one operation is one document, so documents/s times the document's
 * size gives MB/s per core, and times its stations gives stations/s per core ({@link BenchmarkSuite} does both).
 * Each benchmark hands what it decodes to a {@link Blackhole}, so none of the work can be optimised away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class DecodingBenchmark {

    private static final Instant FETCHED_AT = Instant.parse("2026-11-23T07:00:00Z");

    private final StationStatusDecoder statusDecoder = new StationStatusDecoder();
    private final StationInformationDecoder informationDecoder = new StationInformationDecoder();
    private final GbfsResponseDeserializer deserializer = new GbfsResponseDeserializer();

    private DecodingInput input;
    private PostalCodeFloor floor;
    private PolledResponse statusResponse;
    private PolledResponse informationResponse;

    @Setup
    public void readInput() throws IOException {
        input = DecodingInput.load();
        floor = new PostalCodeFloor(SimulatedSystem.stationRows());
        statusResponse = polled(new GbfsEndpointId("velib", GbfsFeed.STATION_STATUS).toString(), input.stationStatus());
        informationResponse = polled(
                new GbfsEndpointId("velib", GbfsFeed.STATION_INFORMATION).toString(), input.stationInformation());
    }

    /** StationStatusDecoder alone: two streaming passes, one {@link StationStatus} per entry. */
    @Benchmark
    public void stationStatusDecoder(Blackhole blackhole) throws GbfsDecodingException {
        statusDecoder.decodeDocument(input.stationStatus(), new BlackholeListener<>(blackhole));
    }

    /** StationInformationDecoder alone. */
    @Benchmark
    public void stationInformationDecoder(Blackhole blackhole) throws GbfsDecodingException {
        informationDecoder.decodeDocument(input.stationInformation(), new BlackholeListener<>(blackhole));
    }

    /** The job's whole per-item path for a polled station_status: GbfsResponseDeserializer to {@link FeedItem}s. */
    @Benchmark
    public void jobStatusPath(Blackhole blackhole) {
        deserializer.deserialize(statusResponse, new BlackholeCollector(blackhole));
    }

    /** The same for station_information. */
    @Benchmark
    public void jobInformationPath(Blackhole blackhole) {
        deserializer.deserialize(informationResponse, new BlackholeCollector(blackhole));
    }

    /** The floor: one plain pass that sums the station_status document per postal code. */
    @Benchmark
    public List<PostalCodeTotals> floorPostalCodeSums() throws IOException {
        return floor.aggregate(input.stationStatus());
    }

    private static PolledResponse polled(String endpointId, byte[] body) {
        return new PolledResponse(
                endpointId, URI.create("http://127.0.0.1/" + endpointId + ".json"), 200, Map.of(), body, FETCHED_AT);
    }

    private record BlackholeListener<T>(Blackhole blackhole) implements StationListener<T> {
        @Override
        public void onStation(T station) {
            blackhole.consume(station);
        }

        @Override
        public void onRejected(Rejection rejection) {
            blackhole.consume(rejection);
        }
    }

    private record BlackholeCollector(Blackhole blackhole) implements Collector<FeedItem> {
        @Override
        public void collect(FeedItem item) {
            blackhole.consume(item);
        }

        @Override
        public void close() {}
    }
}
