package org.velibstream.job.settings;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the processing: event time, windows, areas, the station filter and the alert thresholds. */
public final class PipelineOptions {

    private PipelineOptions() {}

    public static final ConfigOption<Duration> WINDOW = ConfigOptions.key("window")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("Size of the tumbling event-time windows of the statistics.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = ConfigOptions.key("max-out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("How late an observation may arrive and still count in its window.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT = ConfigOptions.key("idle-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(2))
            .withDescription(
                    "A source split that sends no station status for this long stops holding back the watermark.");

    public static final ConfigOption<String> STATIONS_TABLE = ConfigOptions.key("stations")
            .stringType()
            .noDefaultValue()
            .withDescription("A stations.csv table (station code or id → postal code) that overrides every other way "
                    + "of placing the stations it lists. Default: none; stations are placed by their coordinates.");

    public static final ConfigOption<List<String>> AREAS = ConfigOptions.key("areas")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription("GeoJSON FeatureCollections of Polygon and MultiPolygon areas that place stations by "
                    + "their coordinates, before the feed's post_code, the built-in Île-de-France postal codes and "
                    + "the GBFS regions. Separated by ';': FILE for every system, systemId=FILE for one. Read "
                    + "when the job is built; the TaskManagers need no file.");

    public static final ConfigOption<String> AREA_PROPERTY = ConfigOptions.key("area-property")
            .stringType()
            .defaultValue("name")
            .withDescription("The GeoJSON feature property that holds an --areas area's code.");

    public static final ConfigOption<List<String>> STATION_FILTER = ConfigOptions.key("station-filter")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription(
                    "Only these station codes, separated by ';' (the classic exercise: 16107;32017). Default: all.");

    public static final ConfigOption<Duration> EMPTY_AFTER = ConfigOptions.key("empty-after")
            .durationType()
            .defaultValue(Duration.ofMinutes(30))
            .withDescription("EMPTY alert: a station has had 0 bikes for this long.");

    public static final ConfigOption<Duration> FULL_AFTER = ConfigOptions.key("full-after")
            .durationType()
            .defaultValue(Duration.ofMinutes(30))
            .withDescription("FULL alert: a station has had 0 docks for this long.");

    public static final ConfigOption<Duration> STALE_AFTER = ConfigOptions.key("stale-after")
            .durationType()
            .defaultValue(Duration.ofHours(2))
            .withDescription("STALE alert: a station's last_reported has not advanced for this long.");

    public static final ConfigOption<Duration> DROP_WITHIN = ConfigOptions.key("drop-within")
            .durationType()
            .defaultValue(Duration.ofMinutes(15))
            .withDescription("SUDDEN_DROP alert: the time span in which the drop must happen.");

    public static final ConfigOption<Integer> DROP_MIN_BIKES = ConfigOptions.key("drop-min-bikes")
            .intType()
            .defaultValue(5)
            .withDescription("SUDDEN_DROP alert: the smallest drop in bikes that counts.");

    public static final ConfigOption<Double> DROP_FRACTION = ConfigOptions.key("drop-fraction")
            .doubleType()
            .defaultValue(0.5)
            .withDescription("SUDDEN_DROP alert: the smallest drop as a fraction of the earlier count.");

    public static final ConfigOption<Duration> FEED_DOWN_AFTER = ConfigOptions.key("feed-down-after")
            .durationType()
            .defaultValue(Duration.ofMinutes(3))
            .withDescription("FEED_DOWN alert: every poll of a GBFS feed has failed (refused, timed out, HTTP error) "
                    + "for this long.");

    /** In the order of README's table and {@code --help}. */
    static List<ConfigOption<?>> all() {
        return List.of(
                WINDOW,
                MAX_OUT_OF_ORDERNESS,
                IDLE_TIMEOUT,
                STATIONS_TABLE,
                AREAS,
                AREA_PROPERTY,
                STATION_FILTER,
                EMPTY_AFTER,
                FULL_AFTER,
                STALE_AFTER,
                DROP_WITHIN,
                DROP_MIN_BIKES,
                DROP_FRACTION,
                FEED_DOWN_AFTER);
    }
}
