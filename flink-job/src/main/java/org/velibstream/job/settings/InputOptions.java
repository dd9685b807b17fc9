package org.velibstream.job.settings;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.velibstream.job.ingest.MaxClockSkew;
import org.velibstream.source.http.HttpPollingSourceOptions;

/** Options of the job's inputs: which sources, the GBFS systems and how they are polled, the replay's files. */
public final class InputOptions {

    private InputOptions() {}

    public static final String VELIB_GBFS_URL =
            "https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json";

    public static final ConfigOption<SourceKind> SOURCE = ConfigOptions.key("source")
            .enumType(SourceKind.class)
            .defaultValue(SourceKind.HTTP)
            .withDescription("Inputs: http (poll GBFS), kafka (raw topic), both, or files (bounded replay).");

    public static final ConfigOption<List<String>> GBFS = ConfigOptions.key("gbfs")
            .stringType()
            .asList()
            .defaultValues("velib=" + VELIB_GBFS_URL)
            .withDescription(
                    "The GBFS systems to poll, separated by ';', each as id=url of its gbfs.json (a bare URL takes "
                            + "its id from the system's system_information, else from the host name). The id names "
                            + "the system's state, metrics and dead letters. Not polled by default when "
                            + "--gbfs-catalog is given.");

    public static final ConfigOption<String> GBFS_CATALOG = ConfigOptions.key("gbfs-catalog")
            .stringType()
            .noDefaultValue()
            .withDescription("MobilityData's systems.csv (as published at github.com/MobilityData/gbfs): the "
                    + "systems that --gbfs-country and --gbfs-systems select are polled too, each under its "
                    + "System ID. Rows that cannot be polled are logged with the reason.");

    public static final ConfigOption<List<String>> GBFS_COUNTRY = ConfigOptions.key("gbfs-country")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription("With --gbfs-catalog: the catalog's systems of these country codes (FR;US), "
                    + "separated by ';'. Every country when not given.");

    public static final ConfigOption<List<String>> GBFS_SYSTEMS = ConfigOptions.key("gbfs-systems")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription("With --gbfs-catalog: the catalog's systems of these System IDs, separated by ';'. "
                    + "Every system of the chosen countries when not given.");

    public static final ConfigOption<Duration> STATUS_INTERVAL = ConfigOptions.key("status-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .withDescription("How often station_status is polled.");

    public static final ConfigOption<Duration> INFORMATION_INTERVAL = ConfigOptions.key("information-interval")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("How often station_information is polled.");

    public static final ConfigOption<Duration> HTTP_REQUEST_TIMEOUT = ConfigOptions.key("http-request-timeout")
            .durationType()
            .defaultValue(HttpPollingSourceOptions.DEFAULT_REQUEST_TIMEOUT)
            .withDescription("A poll that has not answered within this time fails (it counts toward FEED_DOWN).");

    public static final ConfigOption<Integer> HTTP_MAX_CONNECTIONS_PER_HOST = ConfigOptions.key(
                    "http-max-connections-per-host")
            .intType()
            .defaultValue(HttpPollingSourceOptions.DEFAULT_MAX_CONNECTIONS_PER_HOST)
            .withDescription("Polls a source reader has open to one host at once. Raise it when one host serves "
                    + "many systems: a poll waiting longer than --http-request-timeout for a connection fails.");

    public static final ConfigOption<Duration> HTTP_MAX_BACKOFF = ConfigOptions.key("http-max-backoff")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("A failing feed is retried with exponential backoff up to this delay; it bounds how "
                    + "late a feed coming back is noticed.");

    public static final ConfigOption<String> STATUS_FILES = ConfigOptions.key("status")
            .stringType()
            .noDefaultValue()
            .withDescription("With --source files: a directory of station_status JSON snapshots, any file names at "
                    + "any depth (or one file). The system's other feeds (station_information, "
                    + "system_information, system_regions, vehicle_types) are read from the directory, else from "
                    + "its parent.");

    public static final ConfigOption<String> INFORMATION_FILE = ConfigOptions.key("information")
            .stringType()
            .noDefaultValue()
            .withDescription("With --source files: a station_information JSON file (optional; wins over the one "
                    + "beside the snapshots).");

    public static final ConfigOption<String> RAW_SYSTEM_ID = ConfigOptions.key("raw-system-id")
            .stringType()
            .defaultValue("velib")
            .withDescription("System id of records read from the raw topic or files. The same id as a polled system "
                    + "(velib for Vélib' Métropole) makes both inputs describe the same stations. With --source "
                    + "files, the recorded system_information's system_id is taken unless this is given.");

    public static final ConfigOption<Duration> MAX_CLOCK_SKEW = ConfigOptions.key("max-clock-skew")
            .durationType()
            .defaultValue(MaxClockSkew.DEFAULT)
            .withDescription("A raw-topic record or polled station_status document stamped further ahead of the "
                    + "job's clock (when it receives it) than this is a dead letter ('clock ahead: ...') and never "
                    + "moves event time. Must be positive. Not applied to --source files. A clock ahead by less is "
                    + "accepted and moves event time up to this far ahead: while it lasts, on-time records in the "
                    + "last (this minus --max-out-of-orderness) of a window are late.");

    /** In the order of README's table and {@code --help}. */
    static List<ConfigOption<?>> all() {
        return List.of(
                SOURCE,
                GBFS,
                GBFS_CATALOG,
                GBFS_COUNTRY,
                GBFS_SYSTEMS,
                STATUS_INTERVAL,
                INFORMATION_INTERVAL,
                HTTP_REQUEST_TIMEOUT,
                HTTP_MAX_CONNECTIONS_PER_HOST,
                HTTP_MAX_BACKOFF,
                STATUS_FILES,
                INFORMATION_FILE,
                RAW_SYSTEM_ID,
                MAX_CLOCK_SKEW);
    }
}
