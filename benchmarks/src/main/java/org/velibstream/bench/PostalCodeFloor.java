package org.velibstream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.velibstream.bench.kafka.StationReading;
import org.velibstream.data.stations.StationRow;

/**
 * The floor of issue 7: the least work that turns a Vélib' station_status document into per-postal-code sums. One
 * thread, one pass of Jackson's streaming parser, no framework, no validation beyond the parser's own, one small
 * value per station (the Kafka floor reads entries the same way): what is left is the cost of the work itself, to which the job's path is compared.
 *
 * <p>It reads Vélib's shape only ({@code data.stations[]}, each entry read by {@link StationReading#read}); a station
 * missing from the table counts under {@link StationRow#UNKNOWN_POSTAL_CODE}. A document that is not JSON, or a count that is
 * not a number, fails with an {@link IOException} naming the problem.
 */
public final class PostalCodeFloor {

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Integer> postalIndexByStationCode = new HashMap<>();
    private final Map<String, Integer> postalIndexByStationId = new HashMap<>();
    private final List<String> postalCodes = new ArrayList<>();
    private final int unknownIndex;

    public PostalCodeFloor(List<StationRow> stationTable) {
        Map<String, Integer> indexByPostalCode = new LinkedHashMap<>();
        for (StationRow row : stationTable) {
            Integer index = indexByPostalCode.computeIfAbsent(row.postalCode(), code -> indexByPostalCode.size());
            postalIndexByStationCode.put(row.stationCode(), index);
            postalIndexByStationId.put(row.stationId(), index);
        }
        unknownIndex =
                indexByPostalCode.computeIfAbsent(StationRow.UNKNOWN_POSTAL_CODE, code -> indexByPostalCode.size());
        postalCodes.addAll(indexByPostalCode.keySet());
    }

    /** The sums of every postal code that has a station in {@code document}, in the order of the station table. */
    public List<PostalCodeTotals> aggregate(byte[] document) throws IOException {
        Sums sums = new Sums(postalCodes.size());
        try (JsonParser parser = JSON.createParser(document)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the document");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(field)) {
                    expect(parser, value, JsonToken.START_OBJECT, "\"data\"");
                    readData(parser, sums);
                } else {
                    parser.skipChildren();
                }
            }
        }
        return sums.totals(postalCodes);
    }

    private void readData(JsonParser parser, Sums sums) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("stations".equals(field)) {
                expect(parser, value, JsonToken.START_ARRAY, "\"stations\"");
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    readStation(parser, sums);
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private void readStation(JsonParser parser, Sums sums) throws IOException {
        StationReading station = StationReading.read(parser, 0);
        sums.add(
                postalIndex(station.stationCode(), station.stationId()),
                station.bikes(),
                station.mechanical(),
                station.ebikes(),
                station.docks());
    }

    private int postalIndex(String stationCode, String stationId) {
        Integer index = stationCode != null ? postalIndexByStationCode.get(stationCode) : null;
        if (index == null && stationId != null) {
            index = postalIndexByStationId.get(stationId);
        }
        return index != null ? index : unknownIndex;
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String what)
            throws IOException {
        if (actual != expected) {
            throw new IOException(
                    what + " must start with " + expected + ", found " + actual + " at " + parser.currentLocation());
        }
    }

    /** Column sums indexed by postal code. */
    private static final class Sums {
        private final int[] stations;
        private final int[] bikes;
        private final int[] mechanical;
        private final int[] ebikes;
        private final int[] docks;

        Sums(int postalCodes) {
            stations = new int[postalCodes];
            bikes = new int[postalCodes];
            mechanical = new int[postalCodes];
            ebikes = new int[postalCodes];
            docks = new int[postalCodes];
        }

        void add(int postalIndex, int stationBikes, int stationMechanical, int stationEbikes, int stationDocks) {
            stations[postalIndex]++;
            bikes[postalIndex] += stationBikes;
            mechanical[postalIndex] += stationMechanical;
            ebikes[postalIndex] += stationEbikes;
            docks[postalIndex] += stationDocks;
        }

        List<PostalCodeTotals> totals(List<String> postalCodes) {
            List<PostalCodeTotals> totals = new ArrayList<>();
            for (int i = 0; i < stations.length; i++) {
                if (stations[i] > 0) {
                    totals.add(new PostalCodeTotals(
                            postalCodes.get(i), stations[i], bikes[i], mechanical[i], ebikes[i], docks[i]));
                }
            }
            return totals;
        }
    }
}
