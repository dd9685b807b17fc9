package org.velibstream.bench.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * velib-stream's per-postal-code statistics as a Structured Streaming query: raw Kafka records in, one row per
 * (tumbling event-time window, postal code) out, in append mode.
 *
 * <p>Two chained stateful aggregations, both keyed by the window, as Spark (3.4 and later) supports them in append
 * mode: the first keeps the latest status of each station within the window ({@code max_by} on event time, so an
 * out-of-order record never replaces a later one), the second sums those per postal code. The watermark, on the
 * Kafka record timestamp with velib-stream's allowed lateness, closes both; a window's rows come out once the
 * watermark passes its end. No {@code foreachBatch} or {@code transformWithState} is needed: the whole query is
 * declarative, which is how a Spark engineer would write it.
 *
 * <p>The definitions are velib-stream's ({@code PostalCodeStats}): empty = installed with 0 bikes, full = installed
 * with 0 docks, out of service = not installed or not renting; a missing bike-type breakdown and an unknown (absent
 * or 0) capacity count as 0. A station takes its postal code and capacity from the table by station code, else by
 * station id; a station in neither goes to {@code UNKNOWN}. Latest-in-window equals velib-stream's "as of window
 * end" when every station reports in every window, as in the benchmark's load; velib-stream also carries a station
 * over into windows where it did not report, which this query does not.
 */
public final class PostalCodeStatsQuery {

    public static final String UNKNOWN_POSTAL_CODE = "UNKNOWN";

    /** The name of the observed metrics that count the records read and the records rejected. */
    public static final String INPUT_METRICS = "input";

    /** One Vélib' station entry, as velib-stream's {@code VelibEntryJson} writes it; other fields are ignored. */
    static final StructType STATION_ENTRY = new StructType()
            // Text, not a number: Vélib' ids use 64 bits and other systems use strings; Spark keeps a number's text.
            .add("station_id", DataTypes.StringType)
            .add("stationCode", DataTypes.StringType)
            .add("num_bikes_available", DataTypes.IntegerType)
            .add("numBikesAvailable", DataTypes.IntegerType)
            .add("num_docks_available", DataTypes.IntegerType)
            .add("numDocksAvailable", DataTypes.IntegerType)
            .add(
                    "num_bikes_available_types",
                    DataTypes.createArrayType(new StructType()
                            .add("mechanical", DataTypes.IntegerType)
                            .add("ebike", DataTypes.IntegerType)))
            .add("is_installed", DataTypes.IntegerType)
            .add("is_renting", DataTypes.IntegerType);

    private PostalCodeStatsQuery() {}

    /**
     * @param kafkaRecords the Kafka source's rows ({@code value}, {@code timestamp}, ...)
     * @param stationTable {@code data/stations.csv} as read by {@link StationTable#read}
     * @return postalCode, windowStart, windowEnd and the sums, named as in velib-stream's statistics topic
     */
    public static Dataset<Row> stats(
            Dataset<Row> kafkaRecords, Dataset<Row> stationTable, Duration window, Duration maxOutOfOrderness) {
        String windowDuration = window.toMillis() + " milliseconds";
        Dataset<Row> entries = kafkaRecords.select(
                from_json(col("value").cast("string"), STATION_ENTRY).as("entry"),
                col("timestamp").as("eventTime"));
        // The decoder's required fields; a record without them is counted, never silently lost.
        Column decodable = col("entry.station_id")
                .isNotNull()
                .and(coalesce(col("entry.num_bikes_available"), col("entry.numBikesAvailable"))
                        .isNotNull())
                .and(coalesce(col("entry.num_docks_available"), col("entry.numDocksAvailable"))
                        .isNotNull());
        Dataset<Row> statuses = entries.observe(
                        INPUT_METRICS,
                        count(lit(1)).as("records"),
                        sum(when(decodable, 0).otherwise(1)).as("rejected"))
                .where(decodable)
                .select(
                        col("eventTime"),
                        col("entry.stationCode").as("stationCode"),
                        col("entry.station_id").as("stationId"),
                        coalesce(col("entry.num_bikes_available"), col("entry.numBikesAvailable"))
                                .as("bikes"),
                        bikesOfType("mechanical").as("mechanical"),
                        bikesOfType("ebike").as("ebike"),
                        coalesce(col("entry.num_docks_available"), col("entry.numDocksAvailable"))
                                .as("docks"),
                        coalesce(col("entry.is_installed"), lit(1)).equalTo(1).as("installed"),
                        coalesce(col("entry.is_renting"), lit(1)).equalTo(1).as("renting"))
                .withWatermark("eventTime", maxOutOfOrderness.toMillis() + " milliseconds");

        Dataset<Row> latestPerStation = locate(statuses, stationTable)
                .groupBy(
                        window(col("eventTime"), windowDuration).as("window"),
                        coalesce(col("stationCode"), col("stationId")).as("stationKey"))
                .agg(max_by(
                                struct(
                                        "postalCode",
                                        "capacity",
                                        "bikes",
                                        "mechanical",
                                        "ebike",
                                        "docks",
                                        "installed",
                                        "renting"),
                                col("eventTime"))
                        .as("station"));

        Column installed = col("station.installed");
        return latestPerStation
                .groupBy(
                        window(col("window"), windowDuration).as("window"),
                        col("station.postalCode").as("postalCode"))
                .agg(
                        count(lit(1)).as("stations"),
                        sum("station.bikes").as("bikes"),
                        sum("station.mechanical").as("mechanical"),
                        sum("station.ebike").as("ebike"),
                        sum("station.docks").as("docks"),
                        sum("station.capacity").as("capacity"),
                        sum(when(installed.and(col("station.bikes").equalTo(0)), 1)
                                        .otherwise(0))
                                .as("emptyStations"),
                        sum(when(installed.and(col("station.docks").equalTo(0)), 1)
                                        .otherwise(0))
                                .as("fullStations"),
                        sum(when(installed.and(col("station.renting")), 0).otherwise(1))
                                .as("outOfServiceStations"))
                .select(
                        col("postalCode"),
                        col("window.start").as("windowStart"),
                        col("window.end").as("windowEnd"),
                        col("stations"),
                        col("bikes"),
                        col("mechanical"),
                        col("ebike"),
                        col("docks"),
                        col("capacity"),
                        col("emptyStations"),
                        col("fullStations"),
                        col("outOfServiceStations"));
    }

    /** The sum of one type in Vélib's {@code [{"mechanical":3},{"ebike":2}]}; 0 when the breakdown is missing. */
    private static Column bikesOfType(String type) {
        return coalesce(
                expr("aggregate(entry.num_bikes_available_types, 0, (total, t) -> total + coalesce(t." + type
                        + ", 0))"),
                lit(0));
    }

    /** Adds postalCode and capacity: the table's row by station code, else by station id, else UNKNOWN and 0. */
    private static Dataset<Row> locate(Dataset<Row> statuses, Dataset<Row> stationTable) {
        Dataset<Row> byCode = stationTable.select(
                col("stationCode").as("codeKey"),
                col("postalCode").as("codePostalCode"),
                col("capacity").as("codeCapacity"));
        Dataset<Row> byId = stationTable.select(
                col("stationId").as("idKey"),
                col("postalCode").as("idPostalCode"),
                col("capacity").as("idCapacity"));
        Column foundByCode = col("codeKey").isNotNull();
        Column capacity = when(foundByCode, col("codeCapacity")).otherwise(col("idCapacity"));
        return statuses.join(broadcast(byCode), col("stationCode").equalTo(col("codeKey")), "left_outer")
                .join(broadcast(byId), col("stationId").equalTo(col("idKey")), "left_outer")
                .withColumn(
                        "postalCode",
                        coalesce(
                                when(foundByCode, col("codePostalCode")).otherwise(col("idPostalCode")),
                                lit(UNKNOWN_POSTAL_CODE)))
                .withColumn("capacity", when(capacity.gt(0), capacity).otherwise(0))
                .drop("codeKey", "codePostalCode", "codeCapacity", "idKey", "idPostalCode", "idCapacity");
    }
}
