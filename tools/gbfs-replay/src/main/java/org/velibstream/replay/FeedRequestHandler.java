package org.velibstream.replay;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Answers {@code GET}/{@code HEAD} for the feeds of the systems: {@code /gbfs.json} and {@code /<feed>.json} for
 * the first system, {@code /systems/<i>/gbfs.json} and {@code /systems/<i>/<feed>.json} for system {@code i}.
 * Every document carries {@code ETag}, {@code Last-Modified} and {@code Cache-Control}; a request whose
 * {@code If-None-Match} matches, or without one whose {@code If-Modified-Since} is not older than the document, gets
 * {@code 304 Not Modified} (RFC 9110 §13.2.2 order).
 */
final class FeedRequestHandler implements HttpHandler {

    static final String DISCOVERY = "gbfs.json";
    static final String SYSTEMS_PREFIX = "/systems/";

    private static final System.Logger LOG = System.getLogger(GbfsReplayServer.class.getName());

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private final URI base;
    private final List<? extends GbfsFeeds> systems;
    private final Clock clock;

    @Nullable
    private final RequestLog requestLog;

    /**
     * @param base the server's root URL, ending with {@code /}, as clients reach it
     * @param requestLog where every request is recorded; null for nowhere
     */
    FeedRequestHandler(URI base, List<? extends GbfsFeeds> systems, Clock clock, @Nullable RequestLog requestLog) {
        this.base = base;
        this.systems = List.copyOf(systems);
        this.clock = clock;
        this.requestLog = requestLog;
    }

    /** The root URL of system {@code index}'s files. */
    static URI systemBase(URI base, int index) {
        return index == 0 ? base : base.resolve(SYSTEMS_PREFIX.substring(1) + index + '/');
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrivalMillis = clock.millis();
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            LOG.log(System.Logger.Level.DEBUG, () -> method + ' ' + path);
            answer(exchange, method, path, arrivalMillis);
        }
    }

    private void answer(HttpExchange exchange, String method, String path, long arrivalMillis) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            sendText(exchange, arrivalMillis, 405, method + " is not supported; use GET or HEAD");
            return;
        }
        Optional<FeedDocument> document;
        try {
            document = resolve(path, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Serving " + path + " failed", e);
            sendText(exchange, arrivalMillis, 500, "cannot serve " + path + ": " + e);
            return;
        }
        if (document.isEmpty()) {
            sendText(exchange, arrivalMillis, 404, "no such feed: " + path + " (start at /" + DISCOVERY + ")");
            return;
        }
        send(exchange, arrivalMillis, document.get(), method.equals("HEAD"));
    }

    /**
     * Records the request, then sends the status line and headers: the log line is written before the client can
     * see the answer, so that requests made one after another are logged in that order.
     */
    private void respond(
            HttpExchange exchange, long arrivalMillis, int status, long length, @Nullable Instant documentTime)
            throws IOException {
        if (requestLog != null) {
            requestLog.record(
                    arrivalMillis,
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    status,
                    documentTime);
        }
        exchange.sendResponseHeaders(status, length);
    }

    private Optional<FeedDocument> resolve(String path, Instant now) {
        int system = 0;
        String file = path.substring(1);
        if (path.startsWith(SYSTEMS_PREFIX)) {
            String rest = path.substring(SYSTEMS_PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            try {
                system = Integer.parseInt(rest.substring(0, slash));
            } catch (NumberFormatException notAnIndex) {
                return Optional.empty();
            }
            file = rest.substring(slash + 1);
        }
        if (system < 0 || system >= systems.size()) {
            return Optional.empty();
        }
        GbfsFeeds feeds = systems.get(system);
        if (file.equals(DISCOVERY)) {
            return Optional.of(discovery(system, feeds, now));
        }
        String name = file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : "";
        return feeds.feedNames().contains(name) ? feeds.feed(name, now) : Optional.empty();
    }

    /** The discovery file takes the time and ttl of the system's status, so it changes when the system does. */
    private FeedDocument discovery(int system, GbfsFeeds feeds, Instant now) {
        Optional<FeedDocument> status = feeds.feed(GbfsFeeds.STATION_STATUS, now);
        Instant lastUpdated = status.map(FeedDocument::lastModified).orElse(now);
        int ttl = status.map(FeedDocument::ttlSeconds).orElse(60);
        return new FeedDocument(feeds.discovery(systemBase(base, system), lastUpdated, ttl), lastUpdated, ttl);
    }

    private void send(HttpExchange exchange, long arrivalMillis, FeedDocument document, boolean headOnly)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("ETag", document.etag());
        headers.set("Last-Modified", httpDate(document.lastModified()));
        headers.set("Cache-Control", "max-age=" + document.ttlSeconds());
        if (notModified(exchange.getRequestHeaders(), document)) {
            respond(exchange, arrivalMillis, 304, -1, document.lastModified());
            return;
        }
        headers.set("Content-Type", "application/json; charset=utf-8");
        if (headOnly) {
            respond(exchange, arrivalMillis, 200, -1, document.lastModified());
            return;
        }
        respond(exchange, arrivalMillis, 200, document.length(), document.lastModified());
        try (OutputStream body = exchange.getResponseBody()) {
            document.writeTo(body);
        }
    }

    static boolean notModified(Headers request, FeedDocument document) {
        String ifNoneMatch = request.getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String candidate = tag.trim();
                if (candidate.equals("*") || stripWeak(candidate).equals(document.etag())) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.getFirst("If-Modified-Since");
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return !document.lastModified().isAfter(since);
        } catch (DateTimeParseException invalidDate) {
            return false; // RFC 9110 §13.1.3: an invalid date is ignored
        }
    }

    /** RFC 9110 §8.8.3.2: If-None-Match uses the weak comparison. */
    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** The IMF-fixdate form (two-digit day), which RFC 9110 §5.6.7 asks senders to use. */
    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant.atZone(ZoneOffset.UTC));
    }

    private void sendText(HttpExchange exchange, long arrivalMillis, int status, String message) throws IOException {
        byte[] body = (message + '\n').getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        respond(exchange, arrivalMillis, status, body.length, null);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
