package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GbfsSystemTest {

    @Test
    void anExplicitIdNamesTheSystemAndItsEndpoints() {
        GbfsSystem system = GbfsSystem.parse("velib=https://example.org/opendata/gbfs.json");
        assertThat(system.id()).isEqualTo("velib");
        assertThat(system.discoveryUri()).isEqualTo(URI.create("https://example.org/opendata/gbfs.json"));
        assertThat(system.endpointId(GbfsFeed.STATION_STATUS)).hasToString("velib/station_status");
    }

    @Test
    void aBareUrlIsNamedAfterItsHostAndPort() {
        assertThat(GbfsSystem.parse("http://127.0.0.1:8900/gbfs.json").id()).isEqualTo("127-0-0-1-8900");
        assertThat(GbfsSystem.parse("https://gbfs.citibikenyc.com/gbfs/2.3/gbfs.json")
                        .id())
                .isEqualTo("gbfs-citibikenyc-com");
    }

    @Test
    void badIdsAndRelativeUrlsAreRejected() {
        assertThatThrownBy(() -> GbfsSystem.parse("my system=https://example.org/gbfs.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my system");
        assertThatThrownBy(() -> GbfsSystem.parse("gbfs.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gbfs.json");
    }
}
