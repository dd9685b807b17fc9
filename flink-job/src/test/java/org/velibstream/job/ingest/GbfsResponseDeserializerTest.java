package org.velibstream.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.velibstream.gbfs.BikeType;
import org.velibstream.gbfs.StationStatus;
import org.velibstream.source.http.PollFailure;
import org.velibstream.source.http.PollSuccess;
import org.velibstream.source.http.PolledResponse;
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

    @Test
    void eachSystemsStatusesAreDecodedWithItsOwnVehicleTypes() throws Exception {
        GbfsResponseDeserializer perSystem = InstantiationUtil.clone(new GbfsResponseDeserializer(Map.of(
                "a", Map.of("1", BikeType.MECHANICAL, "2", BikeType.EBIKE),
                "b", Map.of("1", BikeType.EBIKE, "2", BikeType.MECHANICAL))));
        String document = """
                {"last_updated":1764756000,"ttl":0,"data":{"stations":[{"station_id":"s1",
                 "num_bikes_available":5,"num_docks_available":3,"is_installed":true,"is_renting":true,
                 "is_returning":true,"last_reported":1764756000,
                 "vehicle_types_available":[{"vehicle_type_id":"1","count":4},{"vehicle_type_id":"2","count":1}]}]}}""";

        for (String system : List.of("a", "b", "c")) {
            perSystem.deserialize(
                    new PolledResponse(
                            system + "/station_status",
                            STATUS_URI,
                            200,
                            Map.of(),
                            document.getBytes(StandardCharsets.UTF_8),
                            POLL_TIME),
                    new ListCollector<>(items));
        }

        assertThat(items)
                .extracting(item -> item.systemId() + " " + mechanicalAndEbikes(item.status()))
                .containsExactly("a 4/1", "b 1/4", "c null/null");
    }

    @Test
    void aPolledVehicleTypesDocumentDecodesTheSystemsLaterStatuses() throws Exception {
        GbfsResponseDeserializer deserializer = new GbfsResponseDeserializer(Map.of("a", Map.of()));
        String status = """
                {"last_updated":1764756000,"ttl":0,"data":{"stations":[{"station_id":"s1",
                 "num_bikes_available":5,"num_docks_available":3,
                 "vehicle_types_available":[{"vehicle_type_id":"h","count":4},{"vehicle_type_id":"e","count":1}]}]}}""";
        String vehicleTypes = """
                {"last_updated":1764756000,"ttl":0,"version":"2.3","data":{"vehicle_types":[
                 {"vehicle_type_id":"h","form_factor":"bicycle","propulsion_type":"human"},
                 {"vehicle_type_id":"e","form_factor":"bicycle","propulsion_type":"electric_assist"}]}}""";

        deserializer.deserialize(response("a/station_status", status), new ListCollector<>(items));
        deserializer.deserialize(response("a/vehicle_types", vehicleTypes), new ListCollector<>(items));
        deserializer.deserialize(response("a/station_status", status), new ListCollector<>(items));

        assertThat(items)
                .as("the vehicle_types poll itself emits nothing")
                .extracting(item -> mechanicalAndEbikes(item.status()))
                .containsExactly("null/null", "4/1");
    }

    @Test
    void aStatusDocumentStampedBeyondTheSkewIsOneDeadLetterAndItsPollsReportTheFeedDown() {
        GbfsResponseDeserializer skewed =
                new GbfsResponseDeserializer(Map.of(), new MaxClockSkew(Duration.ofMinutes(1)));
        ListCollector<FeedItem> out = new ListCollector<>(items);
        String ahead = statusDocument(POLL_TIME.plus(Duration.ofMinutes(50)));

        skewed.deserialize(response("velib/station_status", ahead), out);
        skewed.pollSucceeded(new PollSuccess("velib/station_status", STATUS_URI, 200, POLL_TIME), out);
        skewed.pollSucceeded(new PollSuccess("velib/station_status", STATUS_URI, 304, POLL_TIME.plusSeconds(60)), out);

        String reason = "clock ahead: stamped 2026-11-23T05:50:00Z, 50 min after it was received at "
                + "2026-11-23T05:00:00Z; --max-clock-skew is 1 min";
        assertThat(items).hasSize(3);
        assertThat(items.get(0).kind())
                .as("one dead letter for the whole document, no status")
                .isEqualTo(FeedItem.Kind.DEAD_LETTER);
        assertThat(items.get(0).deadLetter().reason()).isEqualTo(reason);
        assertThat(items.get(0).deadLetter().source()).isEqualTo("http velib/station_status");
        assertThat(items.get(0).deadLetter().payload()).isEqualTo(ahead);
        assertThat(items.subList(1, 3))
                .as("the poll that brought it and the one that found it unchanged: the feed is down for its clock")
                .extracting(FeedItem::health)
                .containsExactly(
                        FeedHealth.down(
                                "velib", "station_status", POLL_TIME, GbfsResponseDeserializer.CLOCK_AHEAD, reason),
                        FeedHealth.down(
                                "velib",
                                "station_status",
                                POLL_TIME.plusSeconds(60),
                                GbfsResponseDeserializer.CLOCK_AHEAD,
                                reason));

        items.clear();
        skewed.deserialize(response("velib/station_status", statusDocument(POLL_TIME.minusSeconds(30))), out);
        skewed.pollSucceeded(new PollSuccess("velib/station_status", STATUS_URI, 200, POLL_TIME), out);

        assertThat(items)
                .as("the next document in time: its station, and the feed up again")
                .extracting(FeedItem::kind)
                .containsExactly(FeedItem.Kind.STATUS, FeedItem.Kind.FEED_HEALTH);
        assertThat(items.get(1).health().up()).isTrue();
    }

    @Test
    void aStatusDocumentWithinTheSkewOrInThePastIsKeptAtItsLastUpdated() {
        GbfsResponseDeserializer skewed =
                new GbfsResponseDeserializer(Map.of(), new MaxClockSkew(Duration.ofMinutes(1)));
        List<Instant> times =
                List.of(POLL_TIME.plusSeconds(60), POLL_TIME.plusSeconds(2), POLL_TIME.minusSeconds(3600));

        for (Instant lastUpdated : times) {
            skewed.deserialize(
                    response("velib/station_status", statusDocument(lastUpdated)), new ListCollector<>(items));
        }

        assertThat(items).extracting(FeedItem::kind).containsOnly(FeedItem.Kind.STATUS);
        assertThat(items).extracting(FeedItem::observedAt).containsExactlyElementsOf(times);
    }

    @Test
    void anAheadStatusDocumentThatIsAlsoMalformedIsStillOneDeadLetterAndTheFeedDown() {
        ListCollector<FeedItem> out = new ListCollector<>(items);
        String noStations = "{\"last_updated\":" + POLL_TIME.plusSeconds(3600).getEpochSecond() + ",\"data\":{}}";

        deserializer.deserialize(response("velib/station_status", noStations), out);
        deserializer.pollSucceeded(new PollSuccess("velib/station_status", STATUS_URI, 200, POLL_TIME), out);

        assertThat(items).hasSize(2);
        assertThat(items.get(0).deadLetter().reason()).startsWith("clock ahead:");
        assertThat(items.get(1).health().failure()).isEqualTo(GbfsResponseDeserializer.CLOCK_AHEAD);
    }

    private static String statusDocument(Instant lastUpdated) {
        return """
                {"last_updated":%d,"ttl":60,"data":{"stations":[
                 {"station_id":"1","num_bikes_available":2,"num_docks_available":8}]}}""".formatted(lastUpdated.getEpochSecond());
    }

    private static PolledResponse response(String endpointId, String body) {
        return new PolledResponse(
                endpointId, STATUS_URI, 200, Map.of(), body.getBytes(StandardCharsets.UTF_8), POLL_TIME);
    }

    private static String mechanicalAndEbikes(StationStatus status) {
        return status.mechanicalBikes() + "/" + status.ebikes();
    }
}
