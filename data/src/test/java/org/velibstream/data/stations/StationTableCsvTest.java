package org.velibstream.data.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StationTableCsvTest {

    private static final StationRow AWKWARD = new StationRow(
            "6003_relais",
            "17278902806",
            "Saint-Sulpice, \"relais\"\nsortie 2",
            new Coordinates(48.85, 2.33),
            null,
            "75006",
            "75106",
            "Paris");
    private static final StationRow UNPLACED = new StationRow(
            "21001", "5", "Nowhere", new Coordinates(48.7, 2.0), 0, StationRow.UNKNOWN_POSTAL_CODE, null, null);

    @Test
    void quotesNamesWithCommasQuotesAndLineBreaks() throws Exception {
        StringWriter out = new StringWriter();

        StationTableCsv.write(List.of(AWKWARD, UNPLACED), out);

        assertThat(out.toString())
                .isEqualTo(StationTableCsv.HEADER + "\n"
                        + "6003_relais,17278902806,\"Saint-Sulpice, \"\"relais\"\"\nsortie 2\",48.85,2.33,,75006,75106,Paris\n"
                        + "21001,5,Nowhere,48.7,2.0,0,UNKNOWN,,\n");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        StringWriter out = new StringWriter();
        StationTableCsv.write(List.of(AWKWARD, UNPLACED), out);

        assertThat(StationTableCsv.read(new StringReader(out.toString()), "test"))
                .containsExactly(AWKWARD, UNPLACED);
    }

    @Test
    void reportsMalformedRowsWithTheirLine() {
        String csv = StationTableCsv.HEADER + "\n16107,1,A,48.8,2.3,35,75016,75116,Paris\n\n16108,2,B,48.8\n";

        assertThatThrownBy(() -> StationTableCsv.read(new StringReader(csv), "stations.csv"))
                .hasMessage("stations.csv:4: expected 9 fields, found 4");
        assertThatThrownBy(() -> StationTableCsv.read(new StringReader("code,id\n"), "stations.csv"))
                .hasMessageStartingWith("stations.csv: expected the header");
        assertThatThrownBy(() -> StationTableCsv.read(
                        new StringReader(StationTableCsv.HEADER + "\n16107,1,\"A,48.8\n"), "stations.csv"))
                .hasMessage("stations.csv:2: unterminated quoted field");
    }
}
