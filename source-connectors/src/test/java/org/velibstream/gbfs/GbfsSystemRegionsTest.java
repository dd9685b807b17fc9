package org.velibstream.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.velibstream.gbfs.Fixtures.fixture;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GbfsSystemRegionsTest {

    @Test
    void mapsGbfs23RegionIdsToNamesAndListsWhatItCannotHold() throws Exception {
        GbfsSystemRegions regions = GbfsSystemRegions.decode(fixture("gbfs23_system_regions.json"));

        assertThat(regions.regionNames()).isEqualTo(Map.of("3", "San Francisco", "5", "Oakland"));
        assertThat(regions.name("5")).contains("Oakland");
        assertThat(regions.name("12")).isEmpty();
        assertThat(regions.rejected())
                .extracting(Rejection::reason)
                .containsExactly(
                        "missing region_id",
                        "region 12 has no name",
                        "region_id 3 appears twice; the first one is kept");
        assertThat(regions.rejected().get(0).rawEntry()).isEqualTo("{\"name\":\"Nowhere\"}");
    }

    @Test
    void takesTheFirstNonBlankLocalizedNameOfGbfs30() throws Exception {
        GbfsSystemRegions regions = GbfsSystemRegions.decode(fixture("gbfs30_system_regions.json"));

        assertThat(regions.header().version()).isEqualTo(GbfsVersion.GBFS_3);
        assertThat(regions.regionNames().keySet()).containsExactly("BRK", "EMY");
        assertThat(regions.regionNames()).containsEntry("BRK", "Berkeley").containsEntry("EMY", "Emeryville");
        assertThat(regions.rejected()).extracting(Rejection::reason).containsExactly("missing region_id");
    }

    @Test
    void failsAnotherFeed() {
        byte[] stationStatus = "{\"data\": {\"stations\": []}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GbfsSystemRegions.decode(stationStatus))
                .isInstanceOf(GbfsDecodingException.class)
                .hasMessage("not a GBFS system_regions feed: no \"data.regions\" array");
    }
}
