package org.velibstream.source.http.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.Test;
import org.velibstream.source.http.auth.AuthenticationException;

/** Classification of responses and exceptions into outcomes, without a network. */
class PollOutcomeClassifierTest {

    private static final URI ENDPOINT_URI = URI.create("https://gbfs.example/status.json");
    private static final Instant STARTED = Instant.parse("2026-11-23T03:00:00Z");
    private static final Instant RECEIVED = STARTED.plusMillis(250);
    private static final String LAST_MODIFIED = "Mon, 23 Nov 2026 03:00:00 GMT";

    private final PollOutcomeClassifier classifier = new PollOutcomeClassifier(Set.of(410));

    @Test
    void a2xxIsADocumentWithItsValidatorsAndBodyHash() {
        byte[] body = "ok 1".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("etag", "\"v1\"", "last-modified", LAST_MODIFIED);

        PollOutcome outcome = classify(new CappedBodyConsumer.Response(203, headers, body));

        PollOutcome.Fetched fetched = (PollOutcome.Fetched) outcome;
        assertThat(fetched.etag()).isEqualTo("\"v1\"");
        assertThat(fetched.lastModified()).isEqualTo(LAST_MODIFIED);
        assertThat(fetched.bodySha256()).isEqualTo(PollOutcomeClassifier.sha256(body));
        assertThat(fetched.response().endpointId()).isEqualTo("status");
        assertThat(fetched.response().uri()).isEqualTo(ENDPOINT_URI);
        assertThat(fetched.response().statusCode()).isEqualTo(203);
        assertThat(fetched.response().body()).isEqualTo(body);
        assertThat(fetched.response().headers()).isEqualTo(headers);
        assertThat(fetched.response().fetchedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void a304IsNotModifiedWithWhateverValidatorsItCarries() {
        assertThat(classify(new CappedBodyConsumer.Response(304, Map.of("etag", "\"v2\""), new byte[0])))
                .isEqualTo(new PollOutcome.NotModified("\"v2\"", null, RECEIVED));
        assertThat(classify(new CappedBodyConsumer.Response(304, Map.of(), new byte[0])))
                .isEqualTo(new PollOutcome.NotModified(null, null, RECEIVED));
    }

    @Test
    void anEndOfSequenceStatusEndsTheEndpointOnlyWhenConfigured() {
        assertThat(classify(status(410))).isEqualTo(new PollOutcome.EndOfSequence(410));
        assertThat(new PollOutcomeClassifier(Set.of())
                        .classify("status", ENDPOINT_URI, status(410), STARTED, RECEIVED, 0))
                .isEqualTo(failed(FailureKind.HTTP_4XX, "HTTP 410"));
    }

    @Test
    void errorStatusesAreFailuresByKindCountedInTheStreak() {
        assertThat(classify(status(429))).isEqualTo(failed(FailureKind.RATE_LIMITED, "HTTP 429"));
        assertThat(classify(status(401))).isEqualTo(failed(FailureKind.HTTP_4XX, "HTTP 401"));
        assertThat(classify(status(404))).isEqualTo(failed(FailureKind.HTTP_4XX, "HTTP 404"));
        assertThat(classify(status(500))).isEqualTo(failed(FailureKind.HTTP_5XX, "HTTP 500"));
        assertThat(classify(status(503))).isEqualTo(failed(FailureKind.HTTP_5XX, "HTTP 503"));
        // Statuses the source cannot use (a redirect the client did not follow) count with the server errors.
        assertThat(classify(status(302))).isEqualTo(failed(FailureKind.HTTP_5XX, "HTTP 302"));

        PollOutcome.Failed thirdInARow =
                (PollOutcome.Failed) classifier.classify("status", ENDPOINT_URI, status(503), STARTED, RECEIVED, 2);
        assertThat(thirdInARow.consecutiveFailures()).isEqualTo(3);
        assertThat(thirdInARow.startedAt()).isEqualTo(STARTED);
    }

    @Test
    void exceptionsAreFailuresByKindNamedByClassAndMessage() {
        assertThat(classify(new BodyTooLargeException(1024, "Content-Length 4096"))
                        .kind())
                .isEqualTo(FailureKind.TOO_LARGE);
        assertThat(classify(new AuthenticationException("token endpoint answered 500", null)))
                .isEqualTo(failed(FailureKind.AUTH, "AuthenticationException: token endpoint answered 500"));
        assertThat(classify(new TimeoutException("no complete response within PT10S")))
                .isEqualTo(failed(FailureKind.TIMEOUT, "TimeoutException: no complete response within PT10S"));
        assertThat(classify(new SocketTimeoutException("Read timed out")).kind())
                .isEqualTo(FailureKind.TIMEOUT);
        assertThat(classify(new ConnectTimeoutException("Connect timed out")).kind())
                .isEqualTo(FailureKind.TIMEOUT);
        assertThat(classify(new ConnectionRequestTimeoutException("Lease timed out"))
                        .kind())
                .isEqualTo(FailureKind.TIMEOUT);
        assertThat(classify(new ConnectException("Connection refused")))
                .isEqualTo(failed(FailureKind.CONNECT, "ConnectException: Connection refused"));
        assertThat(classify(new ConnectionClosedException("Premature end of Content-Length delimited message body"))
                        .kind())
                .isEqualTo(FailureKind.CONNECT);
        assertThat(classify(new IOException("Connection reset by peer")).kind()).isEqualTo(FailureKind.CONNECT);
        assertThat(classify(new SSLHandshakeException("PKIX path building failed")))
                .isEqualTo(failed(FailureKind.CONNECT, "SSLHandshakeException: PKIX path building failed"));
        assertThat(classify(new CancellationException()))
                .isEqualTo(failed(FailureKind.CONNECT, "CancellationException: null"));
        assertThat(classify(new IllegalArgumentException("bad header value")).kind())
                .isEqualTo(FailureKind.CONNECT);
    }

    @Test
    void theBodyHashIsTheHexSha256OfTheBytes() {
        assertThat(PollOutcomeClassifier.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private PollOutcome classify(CappedBodyConsumer.Response response) {
        return classifier.classify("status", ENDPOINT_URI, response, STARTED, RECEIVED, 0);
    }

    private static PollOutcome.Failed classify(Throwable failure) {
        return PollOutcomeClassifier.classify(failure, STARTED, 0);
    }

    private static CappedBodyConsumer.Response status(int status) {
        return new CappedBodyConsumer.Response(status, Map.of(), "error".getBytes(StandardCharsets.UTF_8));
    }

    private static PollOutcome.Failed failed(FailureKind kind, String reason) {
        return new PollOutcome.Failed(kind, reason, STARTED, 1);
    }
}
