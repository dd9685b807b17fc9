package org.velibstream.job.settings;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.velibstream.job.alerts.AlertThresholds;
import org.velibstream.job.ingest.FeedItem;
import org.velibstream.job.ingest.FeedWatermarks;

/**
 * What the processing needs to know: event time, the statistics' window, where the areas come from, the station
 * filter, and the alerts' thresholds. Serializable, as operators may keep parts of it.
 *
 * @param stationsTable a stations.csv override table; null for none
 * @param areas the {@code --areas} GeoJSON files, in the order they are tried
 * @param areaProperty the GeoJSON property that holds an area's code
 * @param stationFilter the station codes to keep; empty for all
 */
public record PipelineSettings(
        Duration window,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        @Nullable String stationsTable,
        List<AreaFile> areas,
        String areaProperty,
        List<String> stationFilter,
        AlertThresholds alertThresholds,
        Duration feedDownAfter)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public PipelineSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        areas = List.copyOf(areas);
        Objects.requireNonNull(areaProperty, "areaProperty");
        stationFilter = List.copyOf(stationFilter);
        Objects.requireNonNull(alertThresholds, "alertThresholds");
        Objects.requireNonNull(feedDownAfter, "feedDownAfter");
    }

    /** The settings of the options' defaults. */
    public static PipelineSettings defaults() {
        return from(new Configuration());
    }

    /** @throws IllegalArgumentException when a threshold is out of its range */
    public static PipelineSettings from(Configuration config) {
        return new PipelineSettings(
                config.get(PipelineOptions.WINDOW),
                config.get(PipelineOptions.MAX_OUT_OF_ORDERNESS),
                config.get(PipelineOptions.IDLE_TIMEOUT),
                config.get(PipelineOptions.STATIONS_TABLE),
                AreaFile.parse(config.getOptional(PipelineOptions.AREAS).orElse(List.of())),
                config.get(PipelineOptions.AREA_PROPERTY),
                config.getOptional(PipelineOptions.STATION_FILTER).orElse(List.of()),
                new AlertThresholds(
                        config.get(PipelineOptions.EMPTY_AFTER),
                        config.get(PipelineOptions.FULL_AFTER),
                        config.get(PipelineOptions.STALE_AFTER),
                        config.get(PipelineOptions.DROP_WITHIN),
                        config.get(PipelineOptions.DROP_MIN_BIKES),
                        config.get(PipelineOptions.DROP_FRACTION)),
                config.get(PipelineOptions.FEED_DOWN_AFTER));
    }

    /** The event time of station statuses, which every source of statuses assigns (see {@link FeedWatermarks}). */
    public WatermarkStrategy<FeedItem> watermarks() {
        return FeedWatermarks.strategy(maxOutOfOrderness, idleTimeout);
    }
}
