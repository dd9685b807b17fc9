package org.velibstream.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
                http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.build().method() + " " + uri(path) + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    private URI uri(String path) {
        return URI.create(restAddress.toString().replaceAll("/+$", "") + "/" + path);
    }
}
