package org.velibstream.source.http;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns one polled response into zero or more records, and, if it wants, the health of each poll into records too.
 *
 * <p>A deserializer that wants bad payloads to reach a dead-letter output emits an error value of its record type
 * rather than throwing. An {@link IOException} thrown here is counted and logged by the source as a decode failure
 * of that poll; it never fails the job.
 *
 * <p>Every completed poll ends in exactly one call of {@link #pollSucceeded} or {@link #pollFailed}, in poll order per
 * endpoint, from the same step that advances the checkpointed split state: so a job can see an endpoint go down and
 * come back (a failure emits no document, and neither do a 304 or an unchanged body). Records they emit carry the
 * poll's time as their timestamp. By default they emit nothing.
 *
 * <p>Like a Kafka source's deserializer, it is opened once per source reader, before any of its other methods is
 * called, with the reader's metric group and user-code class loader.
 */
public interface HttpResponseDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    /**
     * Called once when the source reader is created, before the first poll: the place to register metrics under
     * {@code context.getMetricGroup()} (the reader's {@code deserializer} group) and to create what is not
     * serializable. By default it does nothing.
     */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    void deserialize(PolledResponse response, Collector<T> out) throws IOException;

    /**
     * The endpoint answered: a 2xx (called after {@link #deserialize} when the body changed, also when that threw)
     * or a 304.
     */
    default void pollSucceeded(PollSuccess success, Collector<T> out) {}

    /** The poll failed; the source retries it with backoff. */
    default void pollFailed(PollFailure failure, Collector<T> out) {}
}
