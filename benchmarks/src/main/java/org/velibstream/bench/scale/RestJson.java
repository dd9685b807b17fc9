package org.velibstream.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Reads Flink's REST API: GET a path under the REST address, as JSON; anything but 200 is an error naming it. */
final class RestJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI restAddress;

    RestJson(URI restAddress) {
        this.restAddress = restAddress;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET(), path));
    }

    /** Cancels job {@code jobId}. */
    void cancel(String jobId) throws IOException, InterruptedException {
        String path = "jobs/" + jobId + "?mode=cancel";
        send(HttpRequest.newBuilder(uri(path)).method("PATCH", HttpRequest.BodyPublishers.noBody()), path);
    }

    private String send(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                sendRetryingTimeouts(request.timeout(TIMEOUT).build());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.build().method() + " " + uri(path) + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    /**
     * A JobManager busy restoring a job on a loaded machine can leave one request unanswered for longer than the
     * timeout; a measurement should not end on that, so a timed-out request is sent again, twice at most.
     */
    private HttpResponse<String> sendRetryingTimeouts(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException timedOut) {
                if (attempt == 3) {
                    throw timedOut;
                }
            }
        }
    }

    private URI uri(String path) {
        return URI.create(restAddress.toString().replaceAll("/+$", "") + "/" + path);
    }
}
