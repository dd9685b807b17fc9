package org.velibstream.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The completed checkpoints of a job as Flink's REST API reports them ({@code /jobs/<id>/checkpoints}, and per
 * checkpoint and vertex {@code .../details/<checkpoint>/subtasks/<vertex>} for the synchronous and asynchronous
 * parts).
 *
 * @param failed checkpoints triggered in the same period that failed
 */
public record CheckpointStatistics(List<Checkpoint> completed, long failed) {

    /**
     * One completed checkpoint.
     *
     * @param stateSizeBytes the full size of the state it holds, as Flink reports it
     * @param syncMillis the slowest subtask's synchronous part (the snapshot taken while processing waits)
     * @param asyncMillis the slowest subtask's asynchronous part (writing the snapshot out)
     */
    public record Checkpoint(
            long id,
            long triggerEpochMillis,
            long stateSizeBytes,
            long endToEndMillis,
            long syncMillis,
            long asyncMillis) {}

    /** The checkpoints of job {@code jobId} triggered at or after {@code sinceEpochMillis}. */
    public static CheckpointStatistics fetch(URI restAddress, String jobId, long sinceEpochMillis)
            throws IOException, InterruptedException {
        RestJson rest = new RestJson(restAddress);
        String jobPath = "jobs/" + jobId + "/checkpoints";
        JsonNode overview = rest.get(jobPath);
        List<Checkpoint> completed = new ArrayList<>();
        long failed = 0;
        for (JsonNode checkpoint : overview.path("history")) {
            long trigger = checkpoint.path("trigger_timestamp").asLong();
            if (trigger < sinceEpochMillis) {
                continue;
            }
            if ("FAILED".equals(checkpoint.path("status").asText())) {
                failed++;
            }
            if (!"COMPLETED".equals(checkpoint.path("status").asText())) {
                continue;
            }
            long id = checkpoint.path("id").asLong();
            long sync = 0;
            long async = 0;
            // The overview's history leaves the tasks out; the checkpoint's details list them.
            JsonNode details = rest.get(jobPath + "/details/" + id);
            for (Iterator<String> vertices = details.path("tasks").fieldNames(); vertices.hasNext(); ) {
                JsonNode durations = rest.get(jobPath + "/details/" + id + "/subtasks/" + vertices.next())
                        .path("summary")
                        .path("checkpoint_duration");
                sync = Math.max(sync, durations.path("sync").path("max").asLong());
                async = Math.max(async, durations.path("async").path("max").asLong());
            }
            completed.add(new Checkpoint(
                    id,
                    trigger,
                    checkpoint.path("state_size").asLong(),
                    checkpoint.path("end_to_end_duration").asLong(),
                    sync,
                    async));
        }
        completed.sort((a, b) -> Long.compare(a.id(), b.id()));
        return new CheckpointStatistics(List.copyOf(completed), failed);
    }
}
