package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An endpoint's id is text in checkpointed splits: it must read back as written, in the format of old splits. */
class GbfsEndpointIdTest {

    @Test
    void writesAndReadsTheSplitIdOfCheckpoints() {
        GbfsEndpointId id = new GbfsEndpointId("velib", GbfsFeed.STATION_STATUS);

        assertThat(id).hasToString("velib/station_status");
        assertThat(GbfsEndpointId.parse("velib/station_status")).isEqualTo(id);
        assertThat(GbfsEndpointId.parse("127-0-0-1-8900/station_information"))
                .isEqualTo(new GbfsEndpointId("127-0-0-1-8900", GbfsFeed.STATION_INFORMATION));
    }

    @Test
    void aSystemIsNamedAfterItsSystemAndFeed() {
        assertThat(GbfsSystem.parse("velib=https://example.org/gbfs.json").endpointId(GbfsFeed.STATION_INFORMATION))
                .hasToString("velib/station_information");
    }

    @Test
    void anythingElseIsRejected() {
        assertThatThrownBy(() -> GbfsEndpointId.parse("velib/free_bike_status"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("velib/free_bike_status");
        assertThatThrownBy(() -> GbfsEndpointId.parse("station_status")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GbfsEndpointId.parse("/station_status")).isInstanceOf(IllegalArgumentException.class);
    }
}
