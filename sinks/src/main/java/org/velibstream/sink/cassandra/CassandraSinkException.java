package org.velibstream.sink.cassandra;

import java.io.IOException;

/**
 * Cassandra did not take a write or a session, with the reason and what to do in the message. Flink's restart
 * strategy restarts the job from its last checkpoint; {@link PermanentCassandraSinkException} stops it instead.
 */
public class CassandraSinkException extends IOException {

    public CassandraSinkException(String message, Throwable cause) {
        super(message, cause);
    }

    static CassandraSinkException of(CassandraErrors.Kind kind, String message, Throwable cause) {
        return kind == CassandraErrors.Kind.PERMANENT
                ? new PermanentCassandraSinkException(message, cause)
                : new CassandraSinkException(message, cause);
    }
}
