package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;
import javax.annotation.Nullable;

/**
 * Decodes {@code station_information} feeds into {@link StationInformation}: Vélib's shape, GBFS 1.x/2.x and GBFS 3.0
 * (localized names: the first text is kept), within the {@link DecoderLimits}. An entry without {@code station_id},
 * {@code name}, {@code lat} or {@code lon}, with a coordinate out of range or a negative capacity is rejected. A
 * capacity of 0 is kept: Vélib' reports it for stations that do have docks. {@code post_code} and {@code region_id},
 * which place a station in an area, are read as ids (text or integer, at most
 * {@link DecoderLimits#maxIdChars()}; null or blank is absent): a bad one rejects the entry rather than place it
 * wrongly.
 */
public final class StationInformationDecoder extends StationFeedDecoder<StationInformation> {

    private static final long serialVersionUID = 1L;

    public StationInformationDecoder() {
        this(DecoderLimits.defaults());
    }

    /** @param limits the bounds every payload is held to */
    public StationInformationDecoder(DecoderLimits limits) {
        super(limits);
    }

    @Override
    EntryBuilder<StationInformation> newEntry(@Nullable Instant feedLastUpdated) {
        return new InformationFields();
    }

    private final class InformationFields implements EntryBuilder<StationInformation> {
        @Nullable
        private String stationId;

        @Nullable
        private String stationCode;

        @Nullable
        private String name;

        @Nullable
        private Double lat;

        @Nullable
        private Double lon;

        @Nullable
        private Integer capacity;

        @Nullable
        private String postCode;

        @Nullable
        private String regionId;

        @Override
        public void field(String field, JsonParser parser) throws IOException, InvalidValueException {
            switch (field) {
                case "station_id" -> stationId = JsonValues.readId(parser, field, limits().maxIdChars());
                case "stationCode" -> stationCode = JsonValues.readId(parser, field, limits().maxIdChars());
                case "name" ->
                    name = JsonValues.requireLength(
                            JsonValues.readLocalizedText(parser, field), field, limits().maxNameChars());
                case "lat" -> lat = JsonValues.readCoordinate(parser, field, 90);
                case "lon" -> lon = JsonValues.readCoordinate(parser, field, 180);
                case "capacity" -> capacity = JsonValues.readCount(parser, field, limits().maxCount());
                case "post_code" -> postCode = JsonValues.readOptionalId(parser, field, limits().maxIdChars());
                case "region_id" -> regionId = JsonValues.readOptionalId(parser, field, limits().maxIdChars());
                default -> parser.skipChildren();
            }
        }

        @Override
        public StationInformation build() throws InvalidValueException {
            if (stationId == null) {
                throw new InvalidValueException("missing station_id");
            }
            if (name == null) {
                throw new InvalidValueException("missing name");
            }
            if (lat == null || lon == null) {
                throw new InvalidValueException("missing lat or lon");
            }
            if (capacity != null && capacity < 0) {
                throw new InvalidValueException("capacity is negative: " + capacity);
            }
            return new StationInformation(stationId, stationCode, name, lat, lon, capacity, postCode, regionId);
        }
    }
}
