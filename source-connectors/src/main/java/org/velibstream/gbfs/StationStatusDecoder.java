package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Decodes {@code station_status} feeds into {@link StationStatus}: Vélib's shape, GBFS 1.x/2.x and GBFS 3.0.
 *
 * <p>What is read, whatever the dialect:
 *
 * <ul>
 *   <li>bikes: {@code num_bikes_available}, else GBFS 3.0's {@code num_vehicles_available}, else Vélib's
 *       {@code numBikesAvailable}; docks: {@code num_docks_available}, else {@code numDocksAvailable}. An entry with
 *       no station id, no bike count or no dock count is rejected, as is one with a value of the wrong type.
 *   <li>the breakdown by bike type, from the first of these forms the entry gives in a usable way:
 *       <ol>
 *         <li>the standard {@code vehicle_types_available} (GBFS 2.1+ and 3.0), whose {@code vehicle_type_id}s mean
 *             something only through the system's {@code vehicle_types} feed: they are mapped with the table given
 *             to the constructor, and when one of them is not in it this form says nothing;
 *         <li>Vélib's {@code num_bikes_available_types} (single-key objects {@code {"mechanical": n}} and
 *             {@code {"ebike": n}} in any order, or one object holding both keys);
 *         <li>Lyft's {@code num_ebikes_available} (Bay Wheels, Citi Bike, Divvy…): the electric part of
 *             {@code num_bikes_available}, so the mechanical bikes are the rest. An e-bike count that is negative
 *             or above the bikes (leaving a negative mechanical count) is kept and flagged
 *             {@link Inconsistency#NEGATIVE_BIKE_TYPE_COUNT}.
 *       </ol>
 *       When none of them tells, both counts are null, never 0: "no e-bikes" and "not known" must stay apart.
 *   <li>{@code is_installed}, {@code is_renting}, {@code is_returning} as JSON booleans or 0/1; an absent one means
 *       the feed makes no claim, read as true.
 * </ul>
 *
 * <p>The checks of {@link Inconsistency} flag an entry but keep it. Ids, counts and timestamps are held to the
 * decoder's {@link DecoderLimits}.
 */
public final class StationStatusDecoder extends StationFeedDecoder<StationStatus> {

    private static final long serialVersionUID = 1L;

    private final Map<String, BikeType> vehicleTypes;

    /** A decoder for feeds whose breakdown is Vélib's {@code num_bikes_available_types}, or is not needed. */
    public StationStatusDecoder() {
        this(Map.of(), DecoderLimits.defaults());
    }

    /** @param limits the bounds every payload is held to */
    public StationStatusDecoder(DecoderLimits limits) {
        this(Map.of(), limits);
    }

    /**
     * @param vehicleTypes {@code vehicle_type_id} → bike type, as the system's {@code vehicle_types} feed defines it
     *     ({@link GbfsVehicleTypes#bikeTypes()})
     */
    public StationStatusDecoder(Map<String, BikeType> vehicleTypes) {
        this(vehicleTypes, DecoderLimits.defaults());
    }

    /**
     * @param vehicleTypes {@code vehicle_type_id} → bike type, as the system's {@code vehicle_types} feed defines it
     * @param limits the bounds every payload is held to
     */
    public StationStatusDecoder(Map<String, BikeType> vehicleTypes, DecoderLimits limits) {
        super(limits);
        this.vehicleTypes = Map.copyOf(vehicleTypes);
    }

    @Override
    EntryBuilder<StationStatus> newEntry(@Nullable Instant feedLastUpdated) {
        return new StatusFields(feedLastUpdated);
    }

    private final class StatusFields implements EntryBuilder<StationStatus> {
        @Nullable
        private final Instant feedLastUpdated;

        @Nullable
        private String stationId;

        @Nullable
        private String stationCode;

        @Nullable
        private Integer bikes;

        @Nullable
        private Integer bikesCamelCase;

        @Nullable
        private Integer vehicles;

        @Nullable
        private Integer docks;

        @Nullable
        private Integer docksCamelCase;

        /** Standard GBFS 2.1+ and 3.0: {@code vehicle_types_available}, placed through the vehicle types. */
        private final BikeTypeCounts vehicleTypeCounts = new BikeTypeCounts(limits());

        /** Vélib': {@code num_bikes_available_types}. */
        private final BikeTypeCounts velibTypeCounts = new BikeTypeCounts(limits());

        /** Lyft's systems (Bay Wheels, Citi Bike, Divvy…): {@code num_ebikes_available}, part of the bikes. */
        @Nullable
        private Integer ebikesAvailable;

        private boolean installed = true;
        private boolean renting = true;
        private boolean returning = true;

        @Nullable
        private Instant lastReported;

        StatusFields(@Nullable Instant feedLastUpdated) {
            this.feedLastUpdated = feedLastUpdated;
        }

        @Override
        public void field(String name, JsonParser parser) throws IOException, InvalidValueException {
            switch (name) {
                case "station_id" -> stationId = JsonValues.readId(parser, name, limits().maxIdChars());
                case "stationCode" -> stationCode = JsonValues.readId(parser, name, limits().maxIdChars());
                case "num_bikes_available" -> bikes = JsonValues.readCount(parser, name, limits().maxCount());
                case "numBikesAvailable" -> bikesCamelCase = JsonValues.readCount(parser, name, limits().maxCount());
                case "num_vehicles_available" -> vehicles = JsonValues.readCount(parser, name, limits().maxCount());
                case "num_docks_available" -> docks = JsonValues.readCount(parser, name, limits().maxCount());
                case "numDocksAvailable" -> docksCamelCase = JsonValues.readCount(parser, name, limits().maxCount());
                case "num_bikes_available_types" -> velibTypeCounts.readVelibTypes(parser, name);
                case "vehicle_types_available" -> vehicleTypeCounts.readVehicleTypes(parser, name, vehicleTypes);
                case "num_ebikes_available" ->
                    ebikesAvailable = JsonValues.readCount(parser, name, limits().maxCount());
                case "is_installed" -> installed = JsonValues.readFlag(parser, name);
                case "is_renting" -> renting = JsonValues.readFlag(parser, name);
                case "is_returning" -> returning = JsonValues.readFlag(parser, name);
                case "last_reported" -> lastReported = JsonValues.readTimestamp(parser, name);
                default -> parser.skipChildren();
            }
        }

        @Override
        public StationStatus build() throws InvalidValueException {
            if (stationId == null) {
                throw new InvalidValueException("missing station_id");
            }
            Integer totalBikes = firstPresent(bikes, vehicles, bikesCamelCase);
            if (totalBikes == null) {
                throw new InvalidValueException("missing num_bikes_available (or num_vehicles_available)");
            }
            Integer totalDocks = firstPresent(docks, docksCamelCase, null);
            if (totalDocks == null) {
                throw new InvalidValueException("missing num_docks_available");
            }
            Set<Inconsistency> found = EnumSet.noneOf(Inconsistency.class);
            if (totalBikes < 0) {
                found.add(Inconsistency.NEGATIVE_BIKES);
            }
            if (totalDocks < 0) {
                found.add(Inconsistency.NEGATIVE_DOCKS);
            }
            BikeSplit split = BikeSplit.resolve(vehicleTypeCounts, velibTypeCounts, ebikesAvailable, totalBikes);
            if (split.anyNegative() || vehicleTypeCounts.anyNegative() || velibTypeCounts.anyNegative()) {
                found.add(Inconsistency.NEGATIVE_BIKE_TYPE_COUNT);
            }
            if (split.isKnown() && split.sum() != totalBikes) {
                found.add(Inconsistency.BIKE_TYPES_DO_NOT_SUM_TO_TOTAL);
            }
            if (disagree(bikes, bikesCamelCase) || disagree(docks, docksCamelCase)) {
                found.add(Inconsistency.DUPLICATE_FIELDS_DISAGREE);
            }
            if (lastReported != null && feedLastUpdated != null && lastReported.isAfter(feedLastUpdated)) {
                found.add(Inconsistency.REPORTED_AFTER_FEED_UPDATE);
            }
            if (lastReported != null && !limits().isPlausibleReport(lastReported, feedLastUpdated)) {
                found.add(Inconsistency.IMPLAUSIBLE_LAST_REPORTED);
            }
            return new StationStatus(
                    stationId,
                    stationCode,
                    totalBikes,
                    split.mechanical(),
                    split.ebikes(),
                    totalDocks,
                    installed,
                    renting,
                    returning,
                    lastReported,
                    new ArrayList<>(found));
        }
    }

    @Nullable
    private static Integer firstPresent(@Nullable Integer first, @Nullable Integer second, @Nullable Integer third) {
        return first != null ? first : second != null ? second : third;
    }

    private static boolean disagree(@Nullable Integer snakeCase, @Nullable Integer camelCase) {
        return snakeCase != null && camelCase != null && !Objects.equals(snakeCase, camelCase);
    }
}
