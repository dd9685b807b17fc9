package org.velibstream.bench.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * velib-stream's station → postal code table ({@code data/stations.csv}, described in {@code data/README.md}) as a
 * Spark DataFrame.
 */
public final class StationTable {

    /** The table's columns, in its header's order; the header must name them exactly. */
    static final StructType SCHEMA = new StructType()
            .add("stationCode", DataTypes.StringType, false)
            .add("stationId", DataTypes.StringType, false)
            .add("name", DataTypes.StringType)
            .add("lat", DataTypes.DoubleType)
            .add("lon", DataTypes.DoubleType)
            .add("capacity", DataTypes.IntegerType)
            .add("postalCode", DataTypes.StringType, false)
            .add("inseeCode", DataTypes.StringType)
            .add("commune", DataTypes.StringType);

    private StationTable() {}

    /**
     * Reads the table once and keeps it on the driver: a small local relation, so that the stream-static join of
     * every micro-batch broadcasts it instead of reading the file again.
     *
     * @throws IllegalArgumentException if the file is missing; Spark fails the read if its header or a row does not
     *     fit the table's columns
     */
    public static Dataset<Row> read(SparkSession spark, Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(
                    "No station table at " + csv.toAbsolutePath() + " (expected velib-stream's data/stations.csv)");
        }
        List<Row> rows = spark.read()
                .schema(SCHEMA)
                .option("header", true)
                .option("enforceSchema", false)
                .option("mode", "FAILFAST")
                .option("encoding", "UTF-8")
                .option("multiLine", true)
                .option("escape", "\"")
                .csv(csv.toString())
                .collectAsList();
        return spark.createDataFrame(rows, SCHEMA);
    }
}
