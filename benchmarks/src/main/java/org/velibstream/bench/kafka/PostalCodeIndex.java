package org.velibstream.bench.kafka;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.velibstream.data.stations.StationRow;

/**
 * A station's postal code from {@code data/stations.csv}, by station code (Vélib's {@code stationCode}) or station
 * id, as the job finds it for a Kafka record without station_information; a station missing from the table is
 * {@link StationRow#UNKNOWN_POSTAL_CODE}.
 */
public final class PostalCodeIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> byStationKey = new HashMap<>();

    public PostalCodeIndex(List<StationRow> stationTable) {
        for (StationRow row : stationTable) {
            byStationKey.put(row.stationId(), row.postalCode());
        }
        // Codes win over ids: a record's key is its station code whenever it has one.
        for (StationRow row : stationTable) {
            byStationKey.put(row.stationCode(), row.postalCode());
        }
    }

    public String postalCode(String stationKey) {
        return byStationKey.getOrDefault(stationKey, StationRow.UNKNOWN_POSTAL_CODE);
    }
}
