package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;
import org.velibstream.source.http.PollFailure;
import org.velibstream.source.http.PollSuccess;
import org.velibstream.source.http.reader.FailureKind;

class GbfsResponseDeserializerTest {

    private static final URI STATUS_URI = URI.create("https://gbfs.example.org/station_status.json");
    private static final Instant POLL_TIME = Instant.parse("2026-11-23T05:00:00Z");

    private final GbfsResponseDeserializer deserializer = new GbfsResponseDeserializer();
    private final List<FeedItem> items = new ArrayList<>();

    @Test
    void aFailedPollIsTheFeedDownAtItsStartWithTheFailureKindAndReason() {
        deserializer.pollFailed(
                new PollFailure(
                        "velib-metropole/station_status", STATUS_URI, FailureKind.HTTP_5XX, "HTTP 503", POLL_TIME, 3),
                new ListCollector<>(items));

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo(FeedItem.Kind.FEED_HEALTH);
            assertThat(item.systemId()).isEqualTo("velib-metropole");
            assertThat(item.observedAt()).isEqualTo(POLL_TIME);
            assertThat(item.health())
                    .isEqualTo(FeedHealth.down("velib-metropole", "station_status", POLL_TIME, "http5xx", "HTTP 503"));
        });
    }

    @Test
    void anAnswerEvenANotModifiedOneIsTheFeedUp() {
        deserializer.pollSucceeded(
                new PollSuccess("velib/station_information", STATUS_URI, 304, POLL_TIME), new ListCollector<>(items));

        assertThat(items)
                .extracting(FeedItem::health)
                .containsExactly(FeedHealth.up("velib", "station_information", POLL_TIME));
        assertThat(items.get(0).health().up()).isTrue();
        assertThat(items.get(0).health().feedKey()).isEqualTo("velib/station_information");
    }
}
