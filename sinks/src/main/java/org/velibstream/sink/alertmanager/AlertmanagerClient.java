package org.velibstream.sink.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.velibstream.sink.json.JsonCodec;

/**
 * Posts batches of alerts to {@code /api/v2/alerts} of every Alertmanager, one after the other, blocking the caller.
 * Connection errors, timeouts and 5xx answers are retried with exponential backoff up to {@code maxAttempts}; a 4xx
 * answer is not (the request itself is wrong). A batch is delivered when at least one Alertmanager took it: the
 * Alertmanagers of a cluster share silences and notifications, so one of them notifies; one that gave up is logged
 * and counted, and gets the open alerts back with the next refresh.
 */
final class AlertmanagerClient {

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerClient.class);

    private static final int MAX_ERROR_BODY_CHARS = 300;

    /** What one {@link #post} did: how many Alertmanagers took the batch, retries and give-ups on the way. */
    record Outcome(int accepted, int retries, int failedAlertmanagers) {}

    private final AlertmanagerDeliveryOptions options;
    private final List<URI> endpoints;
    private final ObjectMapper json = JsonCodec.newMapper();

    AlertmanagerClient(AlertmanagerDeliveryOptions options) {
        this.options = options;
        this.endpoints = options.alertmanagers().stream()
                .map(base -> URI.create(base.toString().replaceAll("/+$", "") + "/api/v2/alerts"))
                .toList();
    }

    /**
     * Posts {@code alerts} as they stand at {@code now} (see {@link #body}).
     *
     * @throws AlertmanagerSinkException when no Alertmanager took them, with each one's last error
     */
    Outcome post(List<AlertmanagerAlert> alerts, Instant now) throws AlertmanagerSinkException, InterruptedException {
        byte[] body = body(alerts, now);
        int accepted = 0;
        int retries = 0;
        List<String> errors = new ArrayList<>();
        for (URI endpoint : endpoints) {
            for (int attempt = 1; ; attempt++) {
                String error = attempt(endpoint, body);
                if (error == null) {
                    accepted++;
                    break;
                }
                boolean retriable = !error.startsWith("HTTP 4");
                if (!retriable || attempt >= options.maxAttempts()) {
                    errors.add(endpoint + ": " + error + " (attempt " + attempt + ")");
                    LOG.warn("Alertmanager {} did not take {} alert(s): {}", endpoint, alerts.size(), error);
                    break;
                }
                retries++;
                long pauseMs = options.backoffAfter(attempt).toMillis();
                LOG.debug(
                        "POST to {} failed ({}), attempt {} of {}, retrying in {} ms",
                        endpoint,
                        error,
                        attempt,
                        options.maxAttempts(),
                        pauseMs);
                Thread.sleep(pauseMs);
            }
        }
        if (accepted == 0) {
            throw new AlertmanagerSinkException("No Alertmanager took " + alerts.size() + " alert(s) after "
                    + options.maxAttempts() + " attempt(s) each: " + String.join("; ", errors)
                    + ". Check that Alertmanager runs and answers at the URL given; the job fails so that Flink "
                    + "restarts it from the last checkpoint and posts these alerts again.");
        }
        return new Outcome(accepted, retries, errors.size());
    }

    /**
     * The JSON Alertmanager's v2 API takes. An open alert ends {@link AlertmanagerDeliveryOptions#expiryAfterRefresh}
     * after {@code now} unless posted again; a resolved one ends when it ended, but not after {@code now} (a feed
     * whose clock runs ahead would otherwise keep it firing) nor before it started (Alertmanager refuses that).
     */
    byte[] body(List<AlertmanagerAlert> alerts, Instant now) {
        ArrayNode array = json.createArrayNode();
        Instant openUntil = now.plus(options.expiryAfterRefresh());
        for (AlertmanagerAlert alert : alerts) {
            ObjectNode node = array.addObject();
            alert.labels().forEach(node.putObject("labels")::put);
            alert.annotations().forEach(node.putObject("annotations")::put);
            node.put("startsAt", alert.startsAt().toString());
            Instant endsAt =
                    alert.endsAt() == null ? openUntil : latest(alert.startsAt(), earliest(alert.endsAt(), now));
            node.put("endsAt", endsAt.toString());
        }
        try {
            return json.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new IllegalStateException("could not write alerts as JSON", e);
        }
    }

    /** One POST; null when it was taken, else what went wrong ("HTTP 503: ...", "connection refused", ...). */
    private String attempt(URI endpoint, byte[] body) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) endpoint.toURL().openConnection();
            int timeoutMs =
                    (int) Math.min(Integer.MAX_VALUE, options.requestTimeout().toMillis());
            connection.setConnectTimeout(timeoutMs);
            connection.setReadTimeout(timeoutMs);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status / 100 == 2) {
                drain(connection.getInputStream());
                return null;
            }
            return "HTTP " + status + ": " + errorBody(connection);
        } catch (IOException e) {
            return e.toString();
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String errorBody(HttpURLConnection connection) {
        try (InputStream error = connection.getErrorStream()) {
            if (error == null) {
                return "(no body)";
            }
            String text = new String(error.readNBytes(MAX_ERROR_BODY_CHARS), StandardCharsets.UTF_8);
            return text.strip();
        } catch (IOException e) {
            return "(body unreadable: " + e + ")";
        }
    }

    private static void drain(InputStream in) throws IOException {
        try (in) {
            in.readAllBytes();
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
