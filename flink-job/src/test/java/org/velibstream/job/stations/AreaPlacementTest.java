package org.velibstream.job.stations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;
import org.velibstream.data.stations.Coordinates;
import org.velibstream.data.stations.StationRow;

class AreaPlacementTest {

    private static final StationRow GODARD = new StationRow(
            "16107",
            "213688169",
            "Benjamin Godard - Victor Hugo",
            new Coordinates(48.865983, 2.275725),
            35,
            "75016",
            "75116",
            "Paris");

    /** A user's square around the Eiffel Tower, for Vélib' only. */
    private static final UserAreas CHAMP_DE_MARS = new UserAreas(
            "velib",
            "champ-de-mars.geojson",
            (lat, lon) -> lat > 48.85 && lat < 48.86 && lon > 2.29 && lon < 2.30 ? "champ-de-mars" : null);

    /** A user's layer for every system: everything north of 48.9. */
    private static final UserAreas NORTH =
            new UserAreas(null, "north.geojson", (lat, lon) -> lat > 48.9 ? "north" : null);

    /** Stands for the built-in Île-de-France postal codes: Paris 7e around the Champ de Mars, 75016 around Godard. */
    private static final AreaLayer BUILT_IN = (lat, lon) ->
            lat > 48.84 && lat < 48.87 && lon > 2.25 && lon < 2.31 ? (lon < 2.28 ? "75016" : "75007") : null;

    private static final AreaPlacement PLACEMENT = new AreaPlacement(
            StationDirectory.of(List.of(GODARD)),
            List.of(CHAMP_DE_MARS, NORTH),
            BUILT_IN,
            Map.of("baywheels", Map.of("3", "San Francisco")));

    private static PlacedArea place(String systemId, String stationCode, StationSite site) {
        return PLACEMENT.place(systemId, stationCode, "id-" + stationCode, site);
    }

    @Test
    void theOverrideTableWinsOverEveryOtherLayer() {
        StationSite inTheUsersSquare = new StationSite(48.855, 2.295, "75099", "3");

        assertThat(PLACEMENT.place("velib", "16107", "x", inTheUsersSquare)).isEqualTo(PlacedArea.postalCode("75016"));
        assertThat(PLACEMENT.place("velib", null, "213688169", null))
                .as("by station id, without information")
                .isEqualTo(PlacedArea.postalCode("75016"));
        assertThat(PLACEMENT.overridden("16107", "x")).isTrue();
        assertThat(PLACEMENT.tableCapacity("16107", "x")).isEqualTo(35);
        assertThat(PLACEMENT.overridden("16108", "x")).isFalse();
    }

    @Test
    void theUsersPolygonsComeBeforeTheFeedsPostCode() {
        assertThat(place("velib", "1", new StationSite(48.855, 2.295, "75007", null)))
                .isEqualTo(new PlacedArea(AreaKind.USER_AREA, "champ-de-mars"));
        assertThat(place("velib", "1", new StationSite(48.95, 2.295, null, null)))
                .as("a layer for every system")
                .isEqualTo(new PlacedArea(AreaKind.USER_AREA, "north"));
        assertThat(place("other", "1", new StationSite(48.855, 2.295, null, null)))
                .as("another system's stations ignore a layer for Vélib' only")
                .isEqualTo(PlacedArea.postalCode("75007"));
    }

    @Test
    void theFeedsPostCodeComesBeforeTheBuiltInAreas() {
        assertThat(place("velib", "1", new StationSite(48.866, 2.27, " 92100 ", null)))
                .isEqualTo(PlacedArea.postalCode("92100"));
        assertThat(place("velib", "1", new StationSite(48.866, 2.27, "", null)))
                .as("a blank post_code is none")
                .isEqualTo(PlacedArea.postalCode("75016"));
    }

    @Test
    void theBuiltInAreasComeBeforeTheRegion() {
        assertThat(place("baywheels", "1", new StationSite(48.866, 2.27, null, "3")))
                .isEqualTo(PlacedArea.postalCode("75016"));
    }

    @Test
    void aRegionIsNamedFromSystemRegionsElseByItsId() {
        StationSite sanFrancisco = new StationSite(37.77, -122.42, null, "3");
        StationSite unnamedRegion = new StationSite(37.77, -122.42, null, "12");

        assertThat(place("baywheels", "1", sanFrancisco)).isEqualTo(new PlacedArea(AreaKind.REGION, "San Francisco"));
        assertThat(place("baywheels", "1", unnamedRegion)).isEqualTo(new PlacedArea(AreaKind.REGION, "12"));
        assertThat(place("citibike", "1", sanFrancisco))
                .as("region names are per system")
                .isEqualTo(new PlacedArea(AreaKind.REGION, "3"));
    }

    @Test
    void aStationNoLayerPlacesIsUnknown() {
        assertThat(place("baywheels", "1", new StationSite(37.77, -122.42, null, null)))
                .isEqualTo(PlacedArea.UNKNOWN);
        assertThat(place("velib", "1", null))
                .as("no information, not in the table")
                .isEqualTo(PlacedArea.UNKNOWN);
        assertThat(AreaPlacement.overridesOnly(null)
                        .place("velib", "16107", "x", new StationSite(48.8, 2.3, null, null)))
                .isEqualTo(PlacedArea.UNKNOWN);
    }

    @Test
    void theVelibTableOnlyPlacesStationsWhoseInformationNeverCame() {
        AreaPlacement withTable = new AreaPlacement(null, List.of(), BUILT_IN, Map.of())
                .withTableForStationsWithoutInformation(StationDirectory.of(List.of(GODARD)));

        assertThat(withTable.place("velib", "16107", "x", null))
                .as("no coordinates: the table's postal code, by station code")
                .isEqualTo(PlacedArea.postalCode("75016"));
        assertThat(withTable.place("velib", "16107", "x", new StationSite(48.855, 2.295, null, null)))
                .as("coordinates win over the table: the station moved to the 7th")
                .isEqualTo(PlacedArea.postalCode("75007"));
        assertThat(withTable.overridden("16107", "x"))
                .as("not an override: the station still waits for its information")
                .isFalse();
        assertThat(withTable.place("velib", "16107_relais", "213688169", null))
                .as("a renamed code: by the station's id")
                .isEqualTo(PlacedArea.postalCode("75016"));
        assertThat(withTable.place("other", null, "213688169", null))
                .as("only stations with a code: ids of other systems may collide with Vélib's")
                .isEqualTo(PlacedArea.UNKNOWN);
    }

    @Test
    void survivesJavaSerializationAndGivesTheSameAnswers() throws Exception {
        AreaPlacement copy = InstantiationUtil.clone(PLACEMENT);

        for (StationSite site : List.of(
                new StationSite(48.855, 2.295, null, null),
                new StationSite(48.866, 2.27, "92100", null),
                new StationSite(37.77, -122.42, null, "3"))) {
            assertThat(copy.place("baywheels", "1", "1", site)).isEqualTo(PLACEMENT.place("baywheels", "1", "1", site));
        }
    }
}
