package org.velibstream.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;

/**
 * Where the seconds of one recovery went, read from Flink's REST API once the job runs again, each time from the
 * SIGKILL: when the JobManager noticed the loss (the job's last RESTARTING), when the last subtask was deployed (a
 * slot found, after the restart delay), when the last subtask was RUNNING (its state restored), and how many
 * restarts the JobManager counted (more than one: a deployment failed too, and the restart delay grew).
 *
 * @param detected kill → the job's last RESTARTING: the failure detection when there was one restart, the last
 *     retry when restarts failed for want of slots (REST keeps only the latest time of each state)
 * @param deployed kill → the last subtask DEPLOYING (restart delay, slot allocation)
 * @param restored kill → the last subtask RUNNING (deployment and state restore)
 * @param restarts restarts the JobManager counted for this one kill
 * @param gcSeconds the new TaskManager's collections until the first statistics row, seconds (old generation
 *     and full collections first, young ones after): what its heap cost
 * @param oldCollections the new TaskManager's old-generation (full) collections until then
 * @param heapMaxBytes the new TaskManager's maximum heap
 */
public record RecoveryTimeline(
        Duration detected,
        Duration deployed,
        Duration restored,
        long restarts,
        double gcSeconds,
        long oldCollections,
        long heapMaxBytes) {

    /** The job's restart count so far (Flink's numRestarts metric). */
    static long restarts(RestJson rest, String job) throws IOException, InterruptedException {
        return metric(rest.get("jobs/" + job + "/metrics?get=numRestarts"), "numRestarts");
    }

    /**
     * Reads the timeline of the job's current attempt.
     *
     * @param killedAtMillis the SIGKILL, epoch milliseconds
     * @param restartsBefore {@link #restarts} before the kill
     * @param taskManager the new TaskManager's id
     */
    static RecoveryTimeline read(
            RestJson rest, String job, long killedAtMillis, long restartsBefore, String taskManager)
            throws IOException, InterruptedException {
        JsonNode details = rest.get("jobs/" + job);
        long restarting = details.path("timestamps").path("RESTARTING").asLong();
        long deploying = 0;
        long running = 0;
        for (JsonNode vertex : details.path("vertices")) {
            JsonNode times =
                    rest.get("jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/subtasktimes");
            for (JsonNode subtask : times.path("subtasks")) {
                deploying = Math.max(
                        deploying, subtask.path("timestamps").path("DEPLOYING").asLong());
                running = Math.max(
                        running, subtask.path("timestamps").path("RUNNING").asLong());
            }
        }
        JsonNode gc = taskManagerMetrics(rest, taskManager);
        double gcMillis = 0;
        long oldCollections = 0;
        for (JsonNode metric : gc) {
            String id = metric.path("id").asText();
            if (id.startsWith("Status.JVM.GarbageCollector.") && id.endsWith(".Time")) {
                gcMillis += metric.path("value").asDouble();
            }
            if (id.startsWith("Status.JVM.GarbageCollector.") && id.contains("Old") && id.endsWith(".Count")) {
                oldCollections += metric.path("value").asLong();
            }
        }
        return new RecoveryTimeline(
                Duration.ofMillis(restarting - killedAtMillis),
                Duration.ofMillis(deploying - killedAtMillis),
                Duration.ofMillis(running - killedAtMillis),
                restarts(rest, job) - restartsBefore,
                gcMillis / 1e3,
                oldCollections,
                metric(gc, "Status.JVM.Memory.Heap.Max"));
    }

    /** The new TaskManager: the one registered whose id is not {@code previous}. */
    static String newTaskManager(RestJson rest, String previous) throws IOException, InterruptedException {
        for (JsonNode manager : rest.get("taskmanagers").path("taskmanagers")) {
            if (!manager.path("id").asText().equals(previous)) {
                return manager.path("id").asText();
            }
        }
        throw new IllegalStateException("No TaskManager other than " + previous + " is registered");
    }

    /** The only TaskManager registered now. */
    static String onlyTaskManager(RestJson rest) throws IOException, InterruptedException {
        return rest.get("taskmanagers").path("taskmanagers").path(0).path("id").asText();
    }

    private static JsonNode taskManagerMetrics(RestJson rest, String taskManager)
            throws IOException, InterruptedException {
        StringBuilder wanted = new StringBuilder("Status.JVM.Memory.Heap.Max");
        for (JsonNode metric : rest.get("taskmanagers/" + taskManager + "/metrics")) {
            String id = metric.path("id").asText();
            if (id.startsWith("Status.JVM.GarbageCollector.")) {
                wanted.append(',').append(id);
            }
        }
        return rest.get("taskmanagers/" + taskManager + "/metrics?get=" + wanted);
    }

    private static long metric(JsonNode metrics, String id) {
        for (Iterator<JsonNode> it = metrics.elements(); it.hasNext(); ) {
            JsonNode metric = it.next();
            if (id.equals(metric.path("id").asText())) {
                return (long) Double.parseDouble(metric.path("value").asText("-1"));
            }
        }
        return -1;
    }
}
