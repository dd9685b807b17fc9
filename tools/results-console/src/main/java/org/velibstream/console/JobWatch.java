package org.velibstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Asks a Flink cluster's REST API how one job is doing ({@code GET /jobs/<id>}) and, once it has ended, why
 * ({@code GET /jobs/<id>/exceptions}), so that the console can say plainly that the job failed instead of waiting for
 * results that will never come.
 */
public final class JobWatch {

    /** Flink's globally terminal states: the job will not run again. */
    private static final Set<String> ENDED = Set.of("FAILED", "CANCELED", "FINISHED");
    /** States after a failure from which Flink restarts the job, as its restart strategy allows. */
    private static final Set<String> RECOVERING = Set.of("FAILING", "RESTARTING");

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String CAUSED_BY = "Caused by: ";

    /**
     * @param state Flink's job status, e.g. {@code RUNNING}, {@code RESTARTING}, {@code FAILED}
     * @param failure the first line of the root cause of the job's most recent exception (its class and message)
     *     when it has ended or is recovering; null otherwise, or when Flink has none
     */
    public record JobState(String state, @Nullable String failure) {

        public JobState {
            Objects.requireNonNull(state, "state");
        }

        /** The job will not run again. */
        public boolean ended() {
            return ENDED.contains(state);
        }

        /**
         * What the console shows under its tables while the job recovers from a failure (the demo's cluster
         * restarts it without giving up), null while it does not.
         */
        public @Nullable String notice() {
            return RECOVERING.contains(state)
                    ? "the job is " + state + " after: " + (failure != null ? failure : "(Flink gave no exception)")
                    : null;
        }

        /** What the console prints when the job has ended. */
        public String describe() {
            if (state.equals("FAILED")) {
                return "the job failed: " + (failure != null ? failure : "(Flink gave no exception)");
            }
            return "the job has ended: " + state;
        }
    }

    private final URI jobUri;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param restUrl the cluster's REST address, e.g. {@code http://127.0.0.1:8081} */
    public JobWatch(URI restUrl, String jobId, HttpClient http) {
        this.jobUri = URI.create(restUrl.toString().replaceAll("/+$", "") + "/jobs/" + jobId);
        this.http = Objects.requireNonNull(http, "http");
    }

    public JobWatch(URI restUrl, String jobId) {
        this(restUrl, jobId, HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
    }

    /**
     * The job's state, with the first line of its most recent exception when it has ended.
     *
     * @throws IOException when the cluster does not answer, or not with the job's status
     */
    public JobState check() throws IOException, InterruptedException {
        String state = get(jobUri).path("state").asText("");
        if (state.isEmpty()) {
            throw new IOException(jobUri + " gave no job state");
        }
        return new JobState(state, ENDED.contains(state) || RECOVERING.contains(state) ? latestFailure() : null);
    }

    private @Nullable String latestFailure() throws IOException, InterruptedException {
        JsonNode exceptions = get(URI.create(jobUri + "/exceptions"));
        // Newest first; Flink 1.x also had "root-exception", kept as a fallback for an older cluster.
        JsonNode stacktrace =
                exceptions.path("exceptionHistory").path("entries").path(0).path("stacktrace");
        String text = stacktrace.isTextual()
                ? stacktrace.asText()
                : exceptions.path("root-exception").asText("");
        return rootCause(text);
    }

    /**
     * The first line of the root cause: Flink wraps what failed (e.g. in "JobException: Recovery is suppressed by
     * NoRestartBackoffTimeStrategy"), so the exception that says what went wrong is the last "Caused by:" of the
     * trace (an indented one belongs to a suppressed exception), or the trace's first line when nothing is wrapped.
     */
    static @Nullable String rootCause(String stacktrace) {
        String cause = stacktrace.strip().lines().findFirst().orElse("");
        for (String line : stacktrace.lines().toList()) {
            if (line.startsWith(CAUSED_BY)) {
                cause = line.substring(CAUSED_BY.length());
            }
        }
        cause = cause.strip();
        return cause.isEmpty() ? null : cause;
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return mapper.readTree(response.body());
    }
}
