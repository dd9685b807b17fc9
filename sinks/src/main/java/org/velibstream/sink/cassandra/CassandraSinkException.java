package org.velibstream.sink.cassandra;

import java.io.IOException;
import org.apache.flink.util.SerializedThrowable;

/**
 * Cassandra did not take a write or a session, with the reason and what to do in the message. Flink's restart
 * strategy restarts the job from its last checkpoint; {@link PermanentCassandraSinkException} stops it instead.
 *
 * <p>The cause is kept as a {@link SerializedThrowable} (same class name, message and stack trace): some driver
 * exceptions are not serializable, and a failure that cannot be serialized reaches the JobManager without its type,
 * which would lose the permanent marker.
 */
public class CassandraSinkException extends IOException {

    public CassandraSinkException(String message, Throwable cause) {
        super(message, new SerializedThrowable(cause));
    }

    static CassandraSinkException of(CassandraErrors.Kind kind, String message, Throwable cause) {
        return kind == CassandraErrors.Kind.PERMANENT
                ? new PermanentCassandraSinkException(message, cause)
                : new CassandraSinkException(message, cause);
    }
}
