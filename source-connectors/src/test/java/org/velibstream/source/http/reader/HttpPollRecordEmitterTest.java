package org.velibstream.source.http.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.source.http.TestEndpoints.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.velibstream.source.http.HttpResponseDeserializer;
import org.velibstream.source.http.PollFailure;
import org.velibstream.source.http.PollSuccess;
import org.velibstream.source.http.PolledResponse;
import org.velibstream.source.http.StringLinesDeserializer;
import org.velibstream.source.http.split.HttpEndpointSplit;
import org.velibstream.source.http.split.HttpEndpointSplitState;

class HttpPollRecordEmitterTest {

    private static final Instant FETCHED_AT = Instant.parse("2026-11-23T03:00:00Z");

    private final HttpPollingMetrics metrics =
            new HttpPollingMetrics(new UnregisteredMetricsGroup(), Clock.systemUTC());
    private final CollectingSourceOutput<String> output = new CollectingSourceOutput<>();
    private final HttpEndpointSplitState state = new HttpEndpointSplitState(new HttpEndpointSplit(endpoint("e")));

    @Test
    void emitsEachRecordOfAChangedBodyWithTheFetchTimeAndAdvancesTheState() {
        HttpPollRecordEmitter<String> emitter = new HttpPollRecordEmitter<>(new StringLinesDeserializer(), metrics);

        emitter.emitRecord(fetched("ok 1\nok 2", "\"a\""), output, state);

        assertThat(output.records).containsExactly("e:ok 1", "e:ok 2");
        assertThat(output.timestamps).containsOnly(FETCHED_AT.toEpochMilli());
        HttpEndpointSplit checkpointed = state.toSplit();
        assertThat(checkpointed.etag()).isEqualTo("\"a\"");
        assertThat(checkpointed.bodySha256()).isEqualTo(PollOutcomeClassifier.sha256(bytes("ok 1\nok 2")));
        assertThat(checkpointed.polls()).isEqualTo(1);
        assertThat(metrics.forEndpoint("e").recordsEmittedCount()).isEqualTo(2);
    }

    @Test
    void anIdenticalBodyEmitsNothingButRefreshesTheValidators() {
        HttpPollRecordEmitter<String> emitter = new HttpPollRecordEmitter<>(new StringLinesDeserializer(), metrics);

        emitter.emitRecord(fetched("ok same", "\"a\""), output, state);
        emitter.emitRecord(fetched("ok same", "\"b\""), output, state);

        assertThat(output.records).containsExactly("e:ok same");
        assertThat(state.toSplit().etag()).isEqualTo("\"b\"");
        assertThat(metrics.forEndpoint("e").unchangedCount()).isEqualTo(1);
    }

    @Test
    void aDecodeFailureEmitsNoneOfTheBodysRecords() {
        HttpPollRecordEmitter<String> emitter = new HttpPollRecordEmitter<>(new FailsAfterOneRecord(), metrics);

        emitter.emitRecord(fetched("anything", null), output, state);

        assertThat(output.records)
                .as("a half-decoded body must not leak records")
                .isEmpty();
        assertThat(metrics.forEndpoint("e").errorCount(FailureKind.DECODE)).isEqualTo(1);
        assertThat(state.toSplit().bodySha256())
                .as("the same bytes are not decoded again")
                .isNotNull();
    }

    @Test
    void a304KeepsValidatorsItDoesNotCarryAndFailuresOnlyCountAPoll() {
        HttpPollRecordEmitter<String> emitter = new HttpPollRecordEmitter<>(new StringLinesDeserializer(), metrics);
        emitter.emitRecord(fetched("ok 1", "\"a\""), output, state);
        PollOutcome.Fetched lastModifiedOnly = new PollOutcome.Fetched(
                response("ok 1"),
                "\"a\"",
                "Mon, 23 Nov 2026 03:00:00 GMT",
                PollOutcomeClassifier.sha256(bytes("ok 1")));
        emitter.emitRecord(lastModifiedOnly, output, state);

        emitter.emitRecord(new PollOutcome.NotModified(null, null, FETCHED_AT), output, state);
        emitter.emitRecord(new PollOutcome.Failed(FailureKind.HTTP_5XX, "HTTP 503", FETCHED_AT, 1), output, state);

        HttpEndpointSplit checkpointed = state.toSplit();
        assertThat(checkpointed.etag()).isEqualTo("\"a\"");
        assertThat(checkpointed.lastModified()).isEqualTo("Mon, 23 Nov 2026 03:00:00 GMT");
        assertThat(checkpointed.polls()).isEqualTo(4);
        assertThat(output.records).containsExactly("e:ok 1");
    }

    @Test
    void everyPollReportsItsHealthAfterItsRecordsStampedWithThePollTime() {
        HttpPollRecordEmitter<String> emitter = new HttpPollRecordEmitter<>(new HealthLines(), metrics);
        Instant failedPollStart = FETCHED_AT.plusSeconds(60);
        Instant notModifiedAt = FETCHED_AT.plusSeconds(90);

        emitter.emitRecord(fetched("ok 1", "\"a\""), output, state);
        emitter.emitRecord(fetched("ok 1", "\"a\""), output, state);
        emitter.emitRecord(
                new PollOutcome.Failed(FailureKind.CONNECT, "ConnectException: refused", failedPollStart, 1),
                output,
                state);
        emitter.emitRecord(
                new PollOutcome.Failed(FailureKind.HTTP_5XX, "HTTP 503", failedPollStart.plusSeconds(2), 2),
                output,
                state);
        emitter.emitRecord(new PollOutcome.NotModified(null, null, notModifiedAt), output, state);
        emitter.emitRecord(new PollOutcome.EndOfSequence(410), output, state);

        assertThat(output.records)
                .as("an unchanged body still says the endpoint is up")
                .containsExactly(
                        "e:ok 1",
                        "up e 200",
                        "up e 200",
                        "down e connect 1 ConnectException: refused",
                        "down e http5xx 2 HTTP 503",
                        "up e 304");
        assertThat(output.timestamps)
                .containsExactly(
                        FETCHED_AT.toEpochMilli(),
                        FETCHED_AT.toEpochMilli(),
                        FETCHED_AT.toEpochMilli(),
                        failedPollStart.toEpochMilli(),
                        failedPollStart.plusSeconds(2).toEpochMilli(),
                        notModifiedAt.toEpochMilli());
        assertThat(metrics.forEndpoint("e").recordsEmittedCount())
                .as("health is not document data")
                .isEqualTo(1);
    }

    @Test
    void anUndecodableBodyStillMeansTheEndpointAnswered() {
        HttpPollRecordEmitter<String> emitter = new HttpPollRecordEmitter<>(new HealthLines(), metrics);

        emitter.emitRecord(fetched("not ok", null), output, state);

        assertThat(output.records).containsExactly("up e 200");
        assertThat(metrics.forEndpoint("e").errorCount(FailureKind.DECODE)).isEqualTo(1);
    }

    private static PollOutcome.Fetched fetched(String body, String etag) {
        return new PollOutcome.Fetched(response(body), etag, null, PollOutcomeClassifier.sha256(bytes(body)));
    }

    private static PolledResponse response(String body) {
        return new PolledResponse("e", endpoint("e").uri(), 200, Map.of(), bytes(body), FETCHED_AT);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Lines of the body, and one line per poll saying whether the endpoint was up or down. */
    private static final class HealthLines implements HttpResponseDeserializer<String> {
        private final StringLinesDeserializer lines = new StringLinesDeserializer();

        @Override
        public void deserialize(PolledResponse response, Collector<String> out) throws IOException {
            lines.deserialize(response, out);
        }

        @Override
        public void pollSucceeded(PollSuccess success, Collector<String> out) {
            out.collect("up " + success.endpointId() + " " + success.statusCode());
        }

        @Override
        public void pollFailed(PollFailure failure, Collector<String> out) {
            out.collect("down " + failure.endpointId() + " " + failure.kind().metricName() + " "
                    + failure.consecutiveFailures() + " " + failure.reason());
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    private static final class FailsAfterOneRecord implements HttpResponseDeserializer<String> {
        @Override
        public void deserialize(PolledResponse response, Collector<String> out) throws IOException {
            out.collect("first");
            throw new IOException("truncated JSON");
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
