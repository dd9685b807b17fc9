package org.velibstream.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** Reads the JSON values of the job's output topics into the console's records. */
public final class PublishedJson {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * @throws IOException if {@code json} is not a statistics record (not JSON, or a required field missing)
     */
    public PublishedStats readStats(String json) throws IOException {
        return mapper.readValue(json, PublishedStats.class);
    }

    /**
     * @throws IOException if {@code json} is not an alert record (not JSON, or a required field missing)
     */
    public PublishedAlert readAlert(String json) throws IOException {
        return mapper.readValue(json, PublishedAlert.class);
    }
}
