package org.velibstream.source.http.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.velibstream.source.http.TestHttpServer.respond;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.velibstream.source.http.HttpEndpoint;
import org.velibstream.source.http.HttpPollingSource;
import org.velibstream.source.http.HttpPollingSourceBuilder;
import org.velibstream.source.http.HttpPollingSourceOptions;
import org.velibstream.source.http.StringLinesDeserializer;
import org.velibstream.source.http.TestEndpoints;
import org.velibstream.source.http.TestHttpServer;
import org.velibstream.source.http.auth.HttpAuthentication;
import org.velibstream.source.http.split.HttpEndpointSplit;

/**
 * The split reader and record emitter against a real HTTP server on 127.0.0.1: what real responses and real
 * failures become. When the schedule polls is {@link PollScheduleTest}'s subject, in test time; here a test reads
 * what the schedule decided rather than waiting for it, and the remaining waits are a few short poll intervals.
 */
class HttpPollingSplitReaderITCase {

    private static final Duration FAST = Duration.ofMillis(20);
    private static final String LAST_MODIFIED = "Mon, 23 Nov 2026 03:00:00 GMT";

    private TestHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sendsValidatorsBackAndEmitsNothingOn304() throws Exception {
        server.handle("/status", exchange -> {
            boolean current = "\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
            respond(
                    exchange,
                    current ? 304 : 200,
                    current ? "" : "ok 1",
                    "ETag",
                    "\"v1\"",
                    "Last-Modified",
                    LAST_MODIFIED);
        });

        try (SplitReaderDriver driver = new SplitReaderDriver(options(UnaryOperator.identity()))) {
            driver.add(endpoint("status"));
            driver.fetchOutcomes("status", 3);

            assertThat(driver.outcomes("status"))
                    .hasExactlyElementsOfTypes(
                            PollOutcome.Fetched.class, PollOutcome.NotModified.class, PollOutcome.NotModified.class);
            List<TestHttpServer.Request> requests = server.requests("/status");
            assertThat(requests.get(0).header("If-None-Match")).isNull();
            assertThat(requests.get(1).header("If-None-Match")).isEqualTo("\"v1\"");
            assertThat(requests.get(1).header("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
            assertThat(driver.output.records).containsExactly("status:ok 1");
            assertThat(driver.metrics("status").notModifiedCount()).isEqualTo(2);
            HttpEndpointSplit checkpointed = driver.checkpointedSplit("status");
            assertThat(checkpointed.etag()).isEqualTo("\"v1\"");
            assertThat(checkpointed.lastModified()).isEqualTo(LAST_MODIFIED);
            assertThat(checkpointed.polls()).isEqualTo(3);
        }
    }

    @Test
    void restoredSplitSendsItsCheckpointedValidators() throws Exception {
        server.handle("/status", exchange -> respond(exchange, 304, ""));
        HttpEndpointSplit restored = new HttpEndpointSplit(endpoint("status"), "\"v7\"", LAST_MODIFIED, "00", 12);

        try (SplitReaderDriver driver = new SplitReaderDriver(options(UnaryOperator.identity()))) {
            driver.add(restored);
            driver.fetchOutcomes("status", 1);

            assertThat(server.requests("/status").get(0).header("If-None-Match"))
                    .isEqualTo("\"v7\"");
            assertThat(driver.output.records).isEmpty();
            assertThat(driver.checkpointedSplit("status").polls()).isEqualTo(13);
        }
    }

    @Test
    void aRestoredSplitThatReachedItsPollLimitFinishesWithoutPolling() throws Exception {
        server.handle("/done", exchange -> respond(exchange, 200, "ok"));

        try (SplitReaderDriver driver = new SplitReaderDriver(options(builder -> builder.setStopAfterPolls(3)))) {
            driver.add(new HttpEndpointSplit(endpoint("done"), null, null, null, 3));
            driver.fetchUntil(d -> d.finished.contains("done"), Duration.ofSeconds(5));

            assertThat(server.requests("/done")).isEmpty();
        }
    }

    @Test
    void suppressesBodiesIdenticalToTheLastEmittedOne() throws Exception {
        List<String> bodies = List.of("ok a", "ok a", "ok b", "ok b", "ok a");
        AtomicInteger request = new AtomicInteger();
        server.handle(
                "/feed",
                exchange -> respond(exchange, 200, bodies.get(Math.min(request.getAndIncrement(), bodies.size() - 1))));

        try (SplitReaderDriver driver = new SplitReaderDriver(options(UnaryOperator.identity()))) {
            driver.add(endpoint("feed"));
            driver.fetchOutcomes("feed", bodies.size());

            assertThat(driver.output.records).containsExactly("feed:ok a", "feed:ok b", "feed:ok a");
            assertThat(driver.metrics("feed").unchangedCount()).isEqualTo(2);
            assertThat(driver.metrics("feed").recordsEmittedCount()).isEqualTo(3);
        }
    }

    @Test
    void countsEachFailureKindWithoutFailing() throws Exception {
        server.handle("/500", exchange -> respond(exchange, 500, "boom"))
                .handle("/404", exchange -> respond(exchange, 404, "nope"))
                .handle("/truncated", exchange -> {
                    exchange.sendResponseHeaders(200, 1000);
                    exchange.getResponseBody().write("ok cut".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    // Closing the exchange here ends the connection 994 bytes short of its Content-Length.
                })
                .handle("/html", exchange -> respond(exchange, 200, "<html>maintenance</html>"));
        URI refused = unusedLocalPort();

        try (ResettingServer resetting = new ResettingServer();
                SplitReaderDriver driver = new SplitReaderDriver(options(builder -> builder.setStopAfterPolls(1)))) {
            driver.add(endpoint("500"))
                    .add(endpoint("404"))
                    .add(endpoint("truncated"))
                    .add(endpoint("html"))
                    .add(new HttpEndpoint("refused", refused, FAST))
                    .add(new HttpEndpoint("reset", resetting.uri(), FAST));
            driver.fetchUntil(d -> d.finished.size() == 6, Duration.ofSeconds(20));

            assertThat(failureKind(driver, "500")).isEqualTo(FailureKind.HTTP_5XX);
            assertThat(failureKind(driver, "404")).isEqualTo(FailureKind.HTTP_4XX);
            assertThat(failureKind(driver, "truncated")).isEqualTo(FailureKind.CONNECT);
            assertThat(failureKind(driver, "refused")).isEqualTo(FailureKind.CONNECT);
            assertThat(failureKind(driver, "reset")).isEqualTo(FailureKind.CONNECT);
            assertThat(driver.outcomes("html")).singleElement().isInstanceOf(PollOutcome.Fetched.class);
            assertThat(driver.metrics("html").errorCount(FailureKind.DECODE)).isEqualTo(1);
            assertThat(driver.metrics("500").errorCount(FailureKind.HTTP_5XX)).isEqualTo(1);
            assertThat(driver.output.records).isEmpty();
        }
    }

    @Test
    void aServerThatDoesNotAnswerWithinTheRequestTimeoutIsATimeout() throws Exception {
        server.handle("/slow", exchange -> {
            sleep(Duration.ofSeconds(10));
            respond(exchange, 200, "ok late");
        });

        // Any timeout far below the handler's ten seconds shows the poll is cut off; a short one keeps the test short.
        try (SplitReaderDriver driver = new SplitReaderDriver(options(
                builder -> builder.setRequestTimeout(Duration.ofMillis(200)).setStopAfterPolls(1)))) {
            driver.add(endpoint("slow"));
            driver.fetchUntil(d -> d.finished.contains("slow"), Duration.ofSeconds(5));

            assertThat(failureKind(driver, "slow")).isEqualTo(FailureKind.TIMEOUT);
            assertThat(driver.metrics("slow").errorCount(FailureKind.TIMEOUT)).isEqualTo(1);
            assertThat(driver.output.records).isEmpty();
        }
    }

    @Test
    void honoursRetryAfterInSecondsAndAsHttpDate() throws Exception {
        Instant retryAt = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(ZoneOffset.UTC));
        server.handle("/seconds", exchange -> respond(exchange, 429, "slow down", "Retry-After", "120"))
                .handle("/date", exchange -> respond(exchange, 503, "down", "Retry-After", inTwoMinutes));

        try (SplitReaderDriver driver = new SplitReaderDriver(options(UnaryOperator.identity()))) {
            driver.add(endpoint("seconds")).add(endpoint("date"));
            Instant before = driver.clock.instant();
            driver.fetchOutcomes("seconds", 1);
            driver.fetchOutcomes("date", 1);
            Instant after = driver.clock.instant();

            assertThat(failureKind(driver, "seconds")).isEqualTo(FailureKind.RATE_LIMITED);
            assertThat(failureKind(driver, "date")).isEqualTo(FailureKind.HTTP_5XX);
            // Backoff alone would retry after at most 20 ms; the schedule took the servers' word instead.
            assertThat(driver.schedule.nextPollAt("seconds"))
                    .isBetween(before.plusSeconds(120), after.plusSeconds(120));
            assertThat(driver.schedule.nextPollAt("date")).isEqualTo(retryAt);
            assertThat(driver.schedule.dueNow()).isEmpty();
            assertThat(server.requests("/seconds")).hasSize(1);
            assertThat(server.requests("/date")).hasSize(1);
        }
    }

    @Test
    void recoversAfterAFailureStreak() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.handle("/flaky", exchange -> {
            if (calls.getAndIncrement() < 3) {
                respond(exchange, 503, "busy");
            } else {
                respond(exchange, 200, "ok back");
            }
        });

        try (SplitReaderDriver driver = new SplitReaderDriver(options(UnaryOperator.identity()))) {
            driver.add(endpoint("flaky"));
            driver.fetchOutcomes("flaky", 3);
            assertThat(driver.metrics("flaky").consecutiveFailures()).isEqualTo(3);
            driver.fetchOutcomes("flaky", 4);

            assertThat(driver.outcomes("flaky").subList(0, 3))
                    .extracting(outcome -> ((PollOutcome.Failed) outcome).consecutiveFailures())
                    .containsExactly(1, 2, 3);
            assertThat(driver.outcomes("flaky").subList(0, 3))
                    .extracting(outcome -> ((PollOutcome.Failed) outcome).startedAt())
                    .isSorted();
            assertThat(driver.outcomes("flaky").get(3)).isInstanceOf(PollOutcome.Fetched.class);
            assertThat(driver.metrics("flaky").consecutiveFailures()).isZero();
            assertThat(driver.metrics("flaky").errorCount(FailureKind.HTTP_5XX)).isEqualTo(3);
            assertThat(driver.output.records).containsExactly("flaky:ok back");
        }
    }

    @Test
    void aSlowEndpointDoesNotHoldUpTheOthers() throws Exception {
        server.handle("/slow", exchange -> {
            sleep(Duration.ofSeconds(10));
            respond(exchange, 200, "ok slow");
        });
        AtomicInteger fastCalls = new AtomicInteger();
        server.handle("/fast", exchange -> respond(exchange, 200, "ok " + fastCalls.incrementAndGet()));

        try (SplitReaderDriver driver = new SplitReaderDriver(options(UnaryOperator.identity()))) {
            driver.add(endpoint("slow")).add(endpoint("fast"));
            driver.fetchOutcomes("fast", 5);

            assertThat(driver.outcomes("slow"))
                    .as("the slow endpoint is still in flight")
                    .isEmpty();
            assertThat(driver.output.records).startsWith("fast:ok 1", "fast:ok 2", "fast:ok 3");
        }
    }

    @Test
    void aPausedEndpointIsNotPolledUntilResumed() throws Exception {
        server.handle("/paused", exchange -> respond(exchange, 200, "ok paused"))
                .handle("/running", exchange -> respond(exchange, 200, "ok running"));

        try (SplitReaderDriver driver = new SplitReaderDriver(options(UnaryOperator.identity()))) {
            driver.add(endpoint("paused")).add(endpoint("running"));
            driver.pause("paused", true);
            driver.fetchOutcomes("running", 3);
            assertThat(server.requests("/paused")).isEmpty();

            driver.pause("paused", false);
            driver.fetchOutcomes("paused", 1);
            assertThat(driver.output.records).contains("paused:ok paused");
        }
    }

    @Test
    void stopsReadingABodyAtTheSizeCap() throws Exception {
        AtomicBoolean chunkedBodyWrittenInFull = new AtomicBoolean();
        byte[] megabyte = new byte[1024 * 1024];
        server.handle("/declared", exchange -> {
                    exchange.sendResponseHeaders(200, 8L * megabyte.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 8; i++) {
                            out.write(megabyte);
                        }
                    } catch (IOException clientGaveUp) {
                        // Expected: the client stops reading.
                    }
                })
                .handle("/chunked", exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 64; i++) {
                            out.write(megabyte);
                        }
                        chunkedBodyWrittenInFull.set(true);
                    } catch (IOException clientGaveUp) {
                        // Expected: the client stops reading.
                    }
                })
                .handle("/small", exchange -> respond(exchange, 200, "ok small"));

        try (SplitReaderDriver driver = new SplitReaderDriver(
                options(builder -> builder.setMaxBodyBytes(256 * 1024).setStopAfterPolls(1)))) {
            driver.add(endpoint("declared")).add(endpoint("chunked")).add(endpoint("small"));
            driver.fetchUntil(d -> d.finished.size() == 3, Duration.ofSeconds(20));

            assertThat(failureKind(driver, "declared")).isEqualTo(FailureKind.TOO_LARGE);
            assertThat(failureKind(driver, "chunked")).isEqualTo(FailureKind.TOO_LARGE);
            assertThat(driver.output.records).containsExactly("small:ok small");
        }
        assertThat(chunkedBodyWrittenInFull)
                .as("the client must stop reading, not drain 64 MiB")
                .isFalse();
    }

    @Test
    void finishesAnEndpointOnItsEndOfSequenceStatus() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.handle("/replay", exchange -> {
            int call = calls.incrementAndGet();
            if (call <= 2) {
                respond(exchange, 200, "ok " + call);
            } else {
                respond(exchange, 410, "");
            }
        });

        try (SplitReaderDriver driver =
                new SplitReaderDriver(options(builder -> builder.setEndOfSequenceStatuses(410)))) {
            driver.add(endpoint("replay"));
            driver.fetchUntil(d -> d.finished.contains("replay"), Duration.ofSeconds(10));

            assertThat(driver.outcomes("replay")).last().isEqualTo(new PollOutcome.EndOfSequence(410));
            assertThat(driver.output.records).containsExactly("replay:ok 1", "replay:ok 2");
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    void obtainsCachesAndRefreshesAnOAuth2Token() throws Exception {
        AtomicInteger tokensIssued = new AtomicInteger();
        server.handle(
                "/token",
                exchange -> respond(
                        exchange,
                        200,
                        "{\"access_token\":\"token-" + tokensIssued.incrementAndGet()
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}",
                        "Content-Type",
                        "application/json"));
        AtomicInteger calls = new AtomicInteger();
        server.handle("/protected", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean revoked = calls.incrementAndGet() == 3;
            boolean valid = ("Bearer token-" + tokensIssued.get()).equals(authorization);
            respond(exchange, valid && !revoked ? 200 : 401, valid && !revoked ? "ok " + authorization : "");
        });
        HttpAuthentication oauth2 = HttpAuthentication.oauth2ClientCredentials(
                server.uri("/token"), "velib client", "s3cret:x", "gbfs read");

        try (SplitReaderDriver driver = new SplitReaderDriver(options(builder -> builder.setAuthentication(oauth2)))) {
            driver.add(endpoint("protected"));
            driver.fetchOutcomes("protected", 4);

            assertThat(driver.outcomes("protected"))
                    .hasExactlyElementsOfTypes(
                            PollOutcome.Fetched.class,
                            PollOutcome.Fetched.class,
                            PollOutcome.Failed.class,
                            PollOutcome.Fetched.class);
            assertThat(driver.output.records)
                    .containsExactly("protected:ok Bearer token-1", "protected:ok Bearer token-2");
            assertThat(tokensIssued).as("one token until the 401, one after").hasValue(2);
            TestHttpServer.Request tokenRequest = server.requests("/token").get(0);
            assertThat(tokenRequest.header("Authorization"))
                    .isEqualTo("Basic "
                            + Base64.getEncoder()
                                    .encodeToString("velib+client:s3cret%3Ax".getBytes(StandardCharsets.UTF_8)));
            assertThat(tokenRequest.body()).isEqualTo("grant_type=client_credentials&scope=gbfs+read");
        }
    }

    @Test
    void aFailingTokenEndpointIsAnAuthFailure() throws Exception {
        server.handle("/token", exchange -> respond(exchange, 500, "{\"error\":\"server_error\"}"));
        server.handle("/protected", exchange -> respond(exchange, 200, "ok"));
        HttpAuthentication oauth2 =
                HttpAuthentication.oauth2ClientCredentials(server.uri("/token"), "client", "secret", null);

        try (SplitReaderDriver driver = new SplitReaderDriver(options(builder -> builder.setAuthentication(oauth2)))) {
            driver.add(endpoint("protected"));
            driver.fetchOutcomes("protected", 2);

            assertThat(failureKind(driver, "protected")).isEqualTo(FailureKind.AUTH);
            assertThat(server.requests("/protected"))
                    .as("no poll without a token")
                    .isEmpty();
            assertThat(driver.metrics("protected").errorCount(FailureKind.AUTH)).isEqualTo(2);
        }
    }

    @Test
    void refreshesAnOAuth2TokenBeforeItExpires() throws Exception {
        AtomicInteger tokensIssued = new AtomicInteger();
        // A one-second lifetime: from half a second on, a new token is fetched while the current one is still sent.
        server.handle(
                "/token",
                exchange -> respond(
                        exchange,
                        200,
                        "{\"access_token\":\"token-" + tokensIssued.incrementAndGet() + "\",\"expires_in\":1}"));
        server.handle(
                "/protected",
                exchange -> respond(
                        exchange, 200, "ok " + exchange.getRequestHeaders().getFirst("Authorization")));
        HttpAuthentication oauth2 =
                HttpAuthentication.oauth2ClientCredentials(server.uri("/token"), "client", "secret", null);

        try (SplitReaderDriver driver = new SplitReaderDriver(options(builder -> builder.setAuthentication(oauth2)))) {
            driver.add(endpoint("protected"));
            driver.fetchOutcomes("protected", 1);
            driver.clock.skip(Duration.ofMillis(600)); // past the refresh time, not yet past the expiry
            driver.fetchUntil(d -> d.output.records.contains("protected:ok Bearer token-2"), Duration.ofSeconds(10));

            assertThat(driver.outcomes("protected")).allMatch(PollOutcome.Fetched.class::isInstance);
            assertThat(driver.output.records).contains("protected:ok Bearer token-1", "protected:ok Bearer token-2");
        }
    }

    @Test
    void sendsSourceWideAndPerEndpointHeaders() throws Exception {
        server.handle("/keyed", exchange -> respond(exchange, 200, "ok"));
        HttpEndpoint keyed =
                new HttpEndpoint("keyed", server.uri("/keyed"), FAST, java.util.Map.of("X-Api-Key", "endpoint-key"));

        try (SplitReaderDriver driver =
                new SplitReaderDriver(options(builder -> builder.setHeader("X-Api-Key", "source-key")
                        .setHeader("Accept", "application/json")
                        .setUserAgent("velib-stream-test")))) {
            driver.add(keyed);
            driver.fetchOutcomes("keyed", 1);

            TestHttpServer.Request request = server.requests("/keyed").get(0);
            assertThat(request.header("X-Api-Key"))
                    .as("the endpoint's header wins")
                    .isEqualTo("endpoint-key");
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(request.header("User-Agent")).isEqualTo("velib-stream-test");
        }
    }

    @Test
    void refusesAServerWhoseCertificateIsNotTrusted() throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (SelfSignedHttpsServer https = new SelfSignedHttpsServer(exchange -> {
            served.incrementAndGet();
            respond(exchange, 200, "ok secret");
        })) {
            try (SplitReaderDriver driver = new SplitReaderDriver(options(builder -> builder.setStopAfterPolls(1)))) {
                driver.add(new HttpEndpoint("self-signed", https.uri(), FAST));
                driver.fetchUntil(d -> d.finished.contains("self-signed"), Duration.ofSeconds(10));

                assertThat(failureKind(driver, "self-signed")).isEqualTo(FailureKind.CONNECT);
                assertThat(((PollOutcome.Failed) driver.outcomes("self-signed").get(0)).reason())
                        .containsIgnoringCase("SSL");
                assertThat(driver.output.records).isEmpty();
            }
        }
        assertThat(served).as("no request may reach an unverified server").hasValue(0);
    }

    private HttpEndpoint endpoint(String path) {
        return new HttpEndpoint(path, server.uri("/" + path), FAST);
    }

    private static FailureKind failureKind(SplitReaderDriver driver, String endpointId) {
        assertThat(driver.outcomes(endpointId)).as("outcomes of %s", endpointId).isNotEmpty();
        PollOutcome first = driver.outcomes(endpointId).get(0);
        assertThat(first).as("first outcome of %s", endpointId).isInstanceOf(PollOutcome.Failed.class);
        return ((PollOutcome.Failed) first).kind();
    }

    private static HttpPollingSourceOptions options(UnaryOperator<HttpPollingSourceBuilder<String>> customize) {
        HttpPollingSourceBuilder<String> builder = HttpPollingSource.<String>builder()
                .addEndpoint(TestEndpoints.endpoint("unused"))
                .setDeserializer(new StringLinesDeserializer())
                .setRequestTimeout(Duration.ofSeconds(10))
                .setBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
        return customize.apply(builder).build().options();
    }

    private static URI unusedLocalPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/refused");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
