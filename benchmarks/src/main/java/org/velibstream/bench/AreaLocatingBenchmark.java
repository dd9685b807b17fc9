package org.velibstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.velibstream.data.areas.AreaIndex;
import org.velibstream.data.areas.AreaPolygon;
import org.velibstream.data.areas.BuiltInAreas;

/**
 * Placing stations by their coordinates ({@link AreaIndex#locate}), single-threaded: 150,000 stations, as many as
 * the scale test's 1,000 systems, at pseudo-random points of Île-de-France's bounding box (the same points every
 * run), against the built-in areas (1,307 arrondissements and communes, about 21,000 vertices) or against a synthetic
 * set of 3,600 overlapping 32-gons over the same box. One operation is one station, so the score is ns per station;
 * {@code buildIndex} is the cost of building the index once (per operator instance, in {@code open()}).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests package
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmark-classpath.txt)" org.openjdk.jmh.Main \
 *     AreaLocatingBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AreaLocatingBenchmark {

    static final int STATIONS = 150_000;

    /** Île-de-France's bounding box, degrees. */
    static final double MIN_LON = 1.44, MAX_LON = 3.56, MIN_LAT = 48.12, MAX_LAT = 49.24;

    private static final int GRID = 60;
    private static final int VERTICES = 32;

    @Param({"built-in", "synthetic"})
    public String areas;

    private List<AreaPolygon> polygons;
    private AreaIndex index;
    private double[] lats;
    private double[] lons;

    @Setup
    public void prepare() {
        polygons =
                areas.equals("built-in") ? BuiltInAreas.ileDeFrancePostalCodes().polygons() : synthetic();
        index = new AreaIndex(polygons);
        SplittableRandom random = new SplittableRandom(20241119L);
        lats = new double[STATIONS];
        lons = new double[STATIONS];
        for (int i = 0; i < STATIONS; i++) {
            lats[i] = MIN_LAT + random.nextDouble() * (MAX_LAT - MIN_LAT);
            lons[i] = MIN_LON + random.nextDouble() * (MAX_LON - MIN_LON);
        }
    }

    /** Every station placed once; the score divided by nothing: ns per station. */
    @Benchmark
    @OperationsPerInvocation(STATIONS)
    public void locate(Blackhole blackhole) {
        for (int i = 0; i < STATIONS; i++) {
            blackhole.consume(index.locate(lats[i], lons[i]));
        }
    }

    /** The index built from the polygons: STRtree and prepared geometries. */
    @Benchmark
    public AreaIndex buildIndex() {
        return new AreaIndex(polygons);
    }

    /**
     * A {@value #GRID} × {@value #GRID} grid of 32-gons, each a little larger than its cell, so that neighbours
     * overlap (the first wins) and cell corners fall in none.
     */
    static List<AreaPolygon> synthetic() {
        GeometryFactory factory = new GeometryFactory();
        double cellLon = (MAX_LON - MIN_LON) / GRID;
        double cellLat = (MAX_LAT - MIN_LAT) / GRID;
        List<AreaPolygon> polygons = new ArrayList<>();
        for (int row = 0; row < GRID; row++) {
            for (int column = 0; column < GRID; column++) {
                double centreLon = MIN_LON + (column + 0.5) * cellLon;
                double centreLat = MIN_LAT + (row + 0.5) * cellLat;
                Coordinate[] ring = new Coordinate[VERTICES + 1];
                for (int v = 0; v < VERTICES; v++) {
                    double angle = 2 * Math.PI * v / VERTICES;
                    ring[v] = new Coordinate(
                            centreLon + 0.6 * cellLon * Math.cos(angle), centreLat + 0.6 * cellLat * Math.sin(angle));
                }
                ring[VERTICES] = ring[0];
                polygons.add(new AreaPolygon("cell-" + row + "-" + column, null, factory.createPolygon(ring)));
            }
        }
        return polygons;
    }
}
