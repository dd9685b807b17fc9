package org.velibstream.source.http;

import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns one polled response into zero or more records.
 *
 * <p>A deserializer that wants bad payloads to reach a dead-letter output emits an error value of its record type
 * rather than throwing. An {@link IOException} thrown here is counted and logged by the source as a decode failure
 * of that poll; it never fails the job.
 */
public interface HttpResponseDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    void deserialize(PolledResponse response, Collector<T> out) throws IOException;
}
